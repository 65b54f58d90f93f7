package dev.tarkka.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Programs a test may use where they are installed (jq, kubectl, chromium). */
public final class Commands {

    private Commands() {
    }

    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
