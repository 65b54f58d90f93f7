package dev.tarkka.notify;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

/** Notices as the outbox stores them. */
final class NoticeCodec {

    private NoticeCodec() {
    }

    static Document toDocument(ChangeNotice notice) {
        List<Document> changes = new ArrayList<>();
        for (MetricChange change : notice.changes()) {
            changes.add(new Document("metric", change.metric()).append("unit", change.unit())
                    .append("direction", change.direction())
                    .append("forward_change_percent", change.forwardChangePercent())
                    .append("magnitude", change.magnitude()).append("mean_before", change.meanBefore())
                    .append("mean_after", change.meanAfter()).append("pvalue", change.pvalue()));
        }
        return new Document("test_name", notice.testName()).append("time", notice.time())
                .append("git_commit", notice.gitCommit()).append("branch", notice.branch())
                .append("git_repo", notice.gitRepo()).append("changes", changes);
    }

    static ChangeNotice change(Document doc) {
        List<MetricChange> changes = new ArrayList<>();
        for (Document change : doc.getList("changes", Document.class)) {
            changes.add(new MetricChange(change.getString("metric"), change.getString("unit"),
                    change.getString("direction"), change.getDouble("forward_change_percent"),
                    change.getDouble("magnitude"), change.getDouble("mean_before"), change.getDouble("mean_after"),
                    change.getDouble("pvalue")));
        }
        return new ChangeNotice(doc.getString("test_name"), ((Number) doc.get("time")).longValue(),
                doc.getString("git_commit"), doc.getString("branch"), doc.getString("git_repo"), changes);
    }

    static Document toDocument(PullNotice notice) {
        return new Document("repo", notice.repo()).append("pull_number", notice.pullNumber())
                .append("git_commit", notice.gitCommit()).append("test_names", notice.testNames())
                .append("changes", notice.changes().stream().map(NoticeCodec::toDocument).toList());
    }

    static PullNotice pull(Document doc) {
        return new PullNotice(doc.getString("repo"), doc.getInteger("pull_number"), doc.getString("git_commit"),
                doc.getList("test_names", String.class),
                doc.getList("changes", Document.class).stream().map(NoticeCodec::change).toList());
    }
}
