package io.scalewatch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background alone must look like an autoscaler's ordinary day: nothing a rule should report. */
class DemoBackgroundTest {
    @TempDir
    static Path dir;
    static List<DemoFact> background = new ArrayList<>();
    static List<DemoData.LoadedFile> incidentFiles = new ArrayList<>();

    @BeforeAll
    static void generate() {
        DemoActivity.write(dir);
        for (DemoData.LoadedFile file : DemoData.load(dir)) {
            if (file.incidents()) {
                incidentFiles.add(file);
            } else {
                background.addAll(DemoFact.of(file));
            }
        }
    }

    @Test
    void background_noIncidentSignature() {
        List<String> found = new ArrayList<>();
        for (DemoFact fact : background) {
            IncidentSignatures.of(fact).ifPresent(reason -> found.add(reason + " at " + fact.timeMs()));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void background_noWindowedIncidentSignature() {
        assertThat(IncidentSignatures.ofWindow(background)).isEmpty();
    }

    @Test
    void incidentFiles_eachHoldsIncidentMaterial() {
        assertThat(incidentFiles).hasSizeGreaterThanOrEqualTo(6);
        for (DemoData.LoadedFile file : incidentFiles) {
            List<DemoFact> facts = DemoFact.of(file);
            long flagged = facts.stream().map(IncidentSignatures::of).filter(Optional::isPresent).count();
            assertThat(flagged > 0 || IncidentSignatures.ofWindow(facts).isPresent())
                    .as("incident material in %s", file.path()).isTrue();
        }
    }

    @Test
    void background_agentActivityInEveryCloud() {
        for (String cloud : List.of("aws", "gcp", "azure")) {
            assertThat(background).filteredOn(f -> f.cloud().equals(cloud) && f.agent()).as(cloud)
                    .hasSizeGreaterThan(2_000);
            assertThat(background).filteredOn(f -> f.cloud().equals(cloud) && f.agent() && f.launch()).as(cloud)
                    .hasSizeGreaterThan(20);
            assertThat(background).filteredOn(f -> f.cloud().equals(cloud) && f.agent() && f.terminated() > 0)
                    .as(cloud).hasSizeGreaterThan(8);
        }
        assertThat(background).filteredOn(f -> f.agent() && f.action().equals("k8s.pods.eviction.create"))
                .hasSizeGreaterThan(20);
        assertThat(background).filteredOn(f -> f.agent() && f.action().equals("io.k8s.core.v1.pods.eviction.create"))
                .hasSizeGreaterThan(20);
    }

    @Test
    void background_terminationsStayBelowFivePerBucket() {
        Map<String, Integer> perBucket = new TreeMap<>();
        for (DemoFact fact : background) {
            if (fact.agent() && fact.terminated() > 0) {
                perBucket.merge(fact.cloud() + "/" + fact.region() + "/" + fact.bucket(), fact.terminated(),
                        Integer::sum);
            }
        }
        assertThat(perBucket).isNotEmpty();
        assertThat(perBucket.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(5));
    }

    @Test
    void background_noLaunchTerminateChurnAcrossConsecutiveBuckets() {
        Set<String> launches = new TreeSet<>();
        Set<String> terminations = new TreeSet<>();
        for (DemoFact fact : background) {
            if (fact.agent()) {
                String key = fact.cloud() + "/" + fact.region() + "/" + fact.bucket();
                if (fact.launch()) {
                    launches.add(key);
                }
                if (fact.terminated() > 0) {
                    terminations.add(key);
                }
            }
        }
        Set<String> both = new TreeSet<>(launches);
        both.retainAll(terminations);
        for (String key : both) {
            String prefix = key.substring(0, key.lastIndexOf('/') + 1);
            long bucket = Long.parseLong(key.substring(key.lastIndexOf('/') + 1));
            assertThat(both).as("churn around %s", key).doesNotContain(prefix + (bucket + 1));
        }
    }

    @Test
    void background_scalingGroupWritesAFewPerHour() {
        Set<String> scalingWrites = Set.of("autoscaling:UpdateAutoScalingGroup",
                "google.container.v1.ClusterManager.SetNodePoolSize",
                "microsoft.containerservice/managedclusters/agentpools/write");
        Map<String, Integer> perBucket = new TreeMap<>();
        for (DemoFact fact : background) {
            if (fact.agent() && fact.startOfOperation() && scalingWrites.contains(fact.action())) {
                perBucket.merge(fact.cloud() + "/" + fact.region() + "/" + fact.bucket(), 1, Integer::sum);
            }
        }
        assertThat(perBucket.values()).isNotEmpty().allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(3));
    }

    @Test
    void background_capacityErrorsAreRareAndAlone() {
        for (String cloud : List.of("aws", "gcp", "azure")) {
            List<DemoFact> errors = background.stream()
                    .filter(f -> f.cloud().equals(cloud) && f.agent() && !f.error().isEmpty()).toList();
            assertThat(errors).as("agent errors in %s", cloud).hasSizeBetween(1, 2);
        }
    }

    @Test
    void background_agentAssumesRoleOnlyThroughTheVendorWithExternalId() {
        List<DemoFact> assumptions = background.stream()
                .filter(f -> f.agent() && f.action().equals("sts:AssumeRole")).toList();
        assertThat(assumptions).hasSizeGreaterThanOrEqualTo(2 * 96);
        assertThat(assumptions).allSatisfy(f -> {
            assertThat(f.record().at("/userIdentity/accountId").asText()).isEqualTo("999988887777");
            assertThat(f.record().at("/requestParameters/externalId").asText()).isNotEmpty();
        });
    }
}
