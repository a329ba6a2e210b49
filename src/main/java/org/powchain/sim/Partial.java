package org.powchain.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one shard of a run ({@code --shard I/N}) writes, and {@code simulate merge} reads back: the
 * scenario, the options it was run with, and each task's result whole (every field of the record,
 * not only those {@code --json} prints, so the merged report is the one a single run makes). Only
 * the final chain is left out.
 *
 * @param args the command line's options, less those that say how to run rather than what
 */
public record Partial<R extends ScenarioResult>(String scenario, List<String> args, int shard, int shards,
                                                List<ScenarioRunner.TaskResult<R>> tasks) {
    /** Writes and reads every record component, @JsonIgnore or not, and nothing derived from them. */
    static final ObjectMapper WHOLE = Scenario.JSON.copy()
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public boolean hasIgnoreMarker(AnnotatedMember m) {
                    if (m.getName().equals("finalChain")) {
                        return true;
                    }
                    return m instanceof AnnotatedMethod method && method.getDeclaringClass().isRecord()
                            && method.getParameterCount() == 0 && !isComponent(method);
                }
            })
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static boolean isComponent(AnnotatedMethod m) {
        RecordComponent[] components = m.getDeclaringClass().getRecordComponents();
        return Arrays.stream(components).anyMatch(c -> c.getName().equals(m.getName()));
    }

    public JsonNode toJson() {
        ObjectNode out = WHOLE.createObjectNode().put("scenario", scenario);
        ArrayNode a = out.putArray("args");
        args.forEach(a::add);
        out.put("shard", shard).put("shards", shards);
        ArrayNode t = out.putArray("tasks");
        for (ScenarioRunner.TaskResult<R> r : tasks) {
            t.addObject().put("point", r.point()).put("task", r.task()).set("result", WHOLE.valueToTree(r.result()));
        }
        return out;
    }

    /** Reads a partial of {@code scenario}; fails if it is another scenario's. */
    public static <P, R extends ScenarioResult> Partial<R> fromJson(JsonNode json, Scenario<P, R> scenario) {
        String name = json.path("scenario").asText();
        if (!name.equals(scenario.name())) {
            throw new IllegalArgumentException("a partial of " + name + ", not " + scenario.name());
        }
        List<String> args = new ArrayList<>();
        json.path("args").forEach(a -> args.add(a.asText()));
        JavaType type = WHOLE.getTypeFactory().constructType(
                ((ParameterizedType) scenario.getClass().getGenericSuperclass()).getActualTypeArguments()[1]);
        List<ScenarioRunner.TaskResult<R>> tasks = new ArrayList<>();
        for (JsonNode t : json.path("tasks")) {
            R r = WHOLE.convertValue(t.get("result"), type);
            tasks.add(new ScenarioRunner.TaskResult<>(t.get("point").asInt(), t.get("task").asInt(), r));
        }
        return new Partial<>(name, args, json.path("shard").asInt(), json.path("shards").asInt(), tasks);
    }

    /** Just the scenario's name, to know which scenario reads the rest. */
    public static String scenarioOf(JsonNode json) {
        return json.path("scenario").asText();
    }
}
