package org.powchain.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/kubernetes/simulate-indexed-job.yaml read into Kubernetes' own typed model (fabric8's
 * kubernetes-model, as the API server would read it, unknown fields refused) and checked: an
 * Indexed Job, as many completions as SHARDS, and a memory limit the run fits in. That the run fits
 * its heap is measured by ClusterPathTest's {@code theManifestsRunFitsItsHeap}.
 */
@Tag("unit")
class KubernetesManifestTest {
    static final Path MANIFEST = Path.of("deploy/kubernetes/simulate-indexed-job.yaml");
    /** Room a JVM needs beside its heap (metaspace, code cache, threads, GC structures): measured at 160-220 MB RSS over the heap. */
    static final long NON_HEAP_BYTES = 384L << 20;

    static Job job() throws Exception {
        Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(MANIFEST));
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true).convertValue(yaml, Job.class);
    }

    static Container shard(Job job) {
        assertThat(job.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElseThrow(
                () -> new AssertionError("the container sets no " + name));
    }

    /** The heap the manifest gives the JVM, from {@code -Xmx} in JAVA_TOOL_OPTIONS. */
    static long heapBytes(Container c) {
        Matcher m = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(env(c, "JAVA_TOOL_OPTIONS"));
        assertThat(m.find()).as("JAVA_TOOL_OPTIONS sets -Xmx").isTrue();
        return Long.parseLong(m.group(1)) << (m.group(2).equalsIgnoreCase("g") ? 30 : 20);
    }

    @Test
    void itIsAnIndexedJobWithOneCompletionPerShard() throws Exception {
        Job job = job();
        assertThat(job.getKind()).isEqualTo("Job");
        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        Container c = shard(job);
        int shards = Integer.parseInt(env(c, "SHARDS"));
        assertThat(job.getSpec().getCompletions()).isEqualTo(shards);
        assertThat(job.getSpec().getParallelism()).isBetween(1, shards);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        String command = String.join(" ", c.getArgs());
        assertThat(command).contains("--shard \"$JOB_COMPLETION_INDEX/$SHARDS\"").contains("--out /sim/out/run")
                .contains("simulate ");
    }

    @Test
    void theMemoryLimitHoldsTheHeapAndTheJvmBesideIt() throws Exception {
        Container c = shard(job());
        Quantity limit = c.getResources().getLimits().get("memory");
        Quantity request = c.getResources().getRequests().get("memory");
        long limitBytes = Quantity.getAmountInBytes(limit).longValueExact();
        assertThat(Quantity.getAmountInBytes(request)).isLessThanOrEqualTo(new BigDecimal(limitBytes));
        long heap = heapBytes(c);
        assertThat(heap + NON_HEAP_BYTES).as("heap %d MB + %d MB beside it within the limit %s", heap >> 20,
                NON_HEAP_BYTES >> 20, limit).isLessThanOrEqualTo(limitBytes);
        // every worker (one per core of the limit) runs a task at a time in that heap
        int workers = Quantity.getAmountInBytes(c.getResources().getLimits().get("cpu")).intValue();
        assertThat(heap / workers).as("heap per worker").isGreaterThanOrEqualTo(ClusterPathTest.HEAP_PER_20000_BLOCK_RUN);
    }
}
