package dev.tarkka.auth;

import java.util.Locale;

/**
 * What a member of an organization may do. Owners manage members and the organization's settings; members
 * upload, delete and configure tests; viewers read.
 */
public enum OrgRole {
    OWNER, MEMBER, VIEWER;

    /** The role's name on the wire and in the store: {@code owner}, {@code member}, {@code viewer}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of that name, or null for anything else. */
    public static OrgRole of(String value) {
        for (OrgRole role : values()) {
            if (role.value().equals(value)) {
                return role;
            }
        }
        return null;
    }

    public boolean allows(Access access) {
        return switch (access) {
            case READ -> true;
            case WRITE -> this != VIEWER;
            case MANAGE -> this == OWNER;
        };
    }

    /** What a request does with an organization's data. */
    public enum Access {
        /** Read tests, results, reports, members. */
        READ,
        /** Upload, delete and configure tests. */
        WRITE,
        /** Manage members and the organization's settings, delete it. */
        MANAGE
    }
}
