package dev.tarkka.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/**
 * Every filter the application sends to the store, as the driver puts it on the wire: for find, aggregate
 * ($match), distinct, count, findAndModify, and each statement of update and delete. A test bean, so only the
 * {@code @QuarkusTest} application has it.
 */
@Singleton
public class QueryLog implements CommandListener {

    /** A filter on a collection. */
    public record Query(String command, String collection, BsonDocument filter) {
    }

    private final List<Query> queries = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        String name = event.getCommandName();
        BsonValue target = command.get(name);
        if (target == null || !target.isString()) {
            return;
        }
        String collection = target.asString().getValue();
        for (BsonDocument filter : filters(name, command)) {
            // the event's documents are views of the wire buffer, valid only during this call
            queries.add(new Query(name, collection, filter.clone()));
        }
    }

    private static List<BsonDocument> filters(String name, BsonDocument command) {
        List<BsonDocument> filters = new ArrayList<>();
        switch (name) {
            case "find" -> filters.add(command.getDocument("filter", new BsonDocument()));
            case "distinct", "count", "findAndModify" -> filters.add(command.getDocument("query", new BsonDocument()));
            case "aggregate" -> command.getArray("pipeline").stream()
                    .map(BsonValue::asDocument)
                    .filter(stage -> stage.containsKey("$match"))
                    .findFirst()
                    .ifPresentOrElse(stage -> filters.add(stage.getDocument("$match")),
                            () -> filters.add(new BsonDocument()));
            case "update" -> statements(command, "updates", "q", filters);
            case "delete" -> statements(command, "deletes", "q", filters);
            default -> {
            }
        }
        return filters;
    }

    private static void statements(BsonDocument command, String list, String key, List<BsonDocument> filters) {
        BsonArray statements = command.getArray(list, new BsonArray());
        statements.forEach(statement -> filters.add(statement.asDocument().getDocument(key)));
    }

    public void clear() {
        queries.clear();
    }

    public List<Query> queries() {
        return List.copyOf(queries);
    }
}
