package io.scalewatch.aws.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What one dispatch run enumerates and where it sends the targets. Queue URLs come from the environment only;
 * every list field comes from the scheduler event when it sets it (an EventBridge rule's event: its
 * {@code detail}), else from the environment ({@link DispatchEnvironment}). A cloud without a queue URL gets no
 * messages.
 *
 * <pre>{@code
 * DispatchConfig config = DispatchConfig.load(System.getenv(), event);
 * }</pre>
 *
 * @param awsQueueUrl queue of the AWS scan function, empty: AWS is not dispatched
 * @param gcpQueueUrl queue of the GCP scan function, empty: GCP is not dispatched
 * @param azureQueueUrl queue of the Azure scan function, empty: Azure is not dispatched
 * @param regions regions scanned in every AWS account
 * @param accounts a fixed account list used instead of AWS Organizations; empty: the organization's accounts
 * @param includeOus only accounts under these OUs or roots (nested OUs included); empty: the whole organization
 * @param excludeOus accounts under these OUs (nested OUs included) are skipped
 * @param excludeAccounts accounts skipped
 * @param gcpProjects GCP project ids, one message each
 * @param azureWorkspaces Log Analytics workspace ids (the Azure scan's targets), one message each; the Azure
 *     function's own subscriptions stay its posture scope
 */
public record DispatchConfig(String awsQueueUrl, String gcpQueueUrl, String azureQueueUrl, List<String> regions,
        List<String> accounts, List<String> includeOus, List<String> excludeOus, List<String> excludeAccounts,
        List<String> gcpProjects, List<String> azureWorkspaces) {
    /** Event field: regions. */
    public static final String REGIONS = "regions";
    /** Event field: fixed accounts. */
    public static final String ACCOUNTS = "accounts";
    /** Event field: OUs to include. */
    public static final String INCLUDE_OUS = "includeOus";
    /** Event field: OUs to exclude. */
    public static final String EXCLUDE_OUS = "excludeOus";
    /** Event field: accounts to exclude. */
    public static final String EXCLUDE_ACCOUNTS = "excludeAccounts";
    /** Event field: GCP projects. */
    public static final String GCP_PROJECTS = "gcpProjects";
    /** Event field: Azure Log Analytics workspaces. */
    public static final String AZURE_WORKSPACES = "azureWorkspaces";

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern OU = Pattern.compile("r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern QUEUE_URL = Pattern.compile(
            "https?://[^\\s/]+/\\d{12}/([A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo)");
    private static final List<String> EVENT_FIELDS =
            List.of(REGIONS, ACCOUNTS, INCLUDE_OUS, EXCLUDE_OUS, EXCLUDE_ACCOUNTS, GCP_PROJECTS, AZURE_WORKSPACES);

    public DispatchConfig {
        awsQueueUrl = queueUrl("awsQueueUrl", awsQueueUrl);
        gcpQueueUrl = queueUrl("gcpQueueUrl", gcpQueueUrl);
        azureQueueUrl = queueUrl("azureQueueUrl", azureQueueUrl);
        regions = checked(REGIONS, regions, REGION, "a region such as eu-west-1");
        accounts = checked(ACCOUNTS, accounts, ACCOUNT, "a 12-digit account id");
        includeOus = checked(INCLUDE_OUS, includeOus, OU, "an OU id (ou-...) or a root id (r-...)");
        excludeOus = checked(EXCLUDE_OUS, excludeOus, OU, "an OU id (ou-...) or a root id (r-...)");
        excludeAccounts = checked(EXCLUDE_ACCOUNTS, excludeAccounts, ACCOUNT, "a 12-digit account id");
        gcpProjects = checked(GCP_PROJECTS, gcpProjects, PROJECT, "a GCP project id (6-30 of a-z, 0-9, -)");
        azureWorkspaces = checked(AZURE_WORKSPACES, azureWorkspaces, GUID,
                "a Log Analytics workspace id (a GUID)");
        if (awsQueueUrl.isEmpty() && gcpQueueUrl.isEmpty() && azureQueueUrl.isEmpty()) {
            throw new DispatchConfigException("no queue to dispatch to: set " + DispatchEnvironment.AWS_QUEUE_URL
                    + ", " + DispatchEnvironment.GCP_QUEUE_URL + " or " + DispatchEnvironment.AZURE_QUEUE_URL);
        }
        if (!awsQueueUrl.isEmpty() && regions.isEmpty()) {
            throw new DispatchConfigException("regions is empty: AWS targets need at least one region");
        }
        if (!accounts.isEmpty() && !(includeOus.isEmpty() && excludeOus.isEmpty())) {
            throw new DispatchConfigException("accounts and " + (includeOus.isEmpty() ? "excludeOus" : "includeOus")
                    + " are both set: OUs select from the organization, a fixed account list replaces it");
        }
        if (!gcpProjects.isEmpty() && gcpQueueUrl.isEmpty()) {
            throw new DispatchConfigException("gcpProjects is set but " + DispatchEnvironment.GCP_QUEUE_URL
                    + " is not: GCP projects have no queue to go to");
        }
        if (!azureWorkspaces.isEmpty() && azureQueueUrl.isEmpty()) {
            throw new DispatchConfigException("azureWorkspaces is set but " + DispatchEnvironment.AZURE_QUEUE_URL
                    + " is not: Azure workspaces have no queue to go to");
        }
    }

    /**
     * The config of one run: each list from the event when it sets the field (a JSON array or one comma-separated
     * string; {@code null} sets nothing), else from the environment; regions default to {@code AWS_REGION}.
     *
     * @throws DispatchConfigException naming the field, its source and what is valid
     */
    public static DispatchConfig load(Map<String, String> env, Map<String, Object> event) {
        Objects.requireNonNull(env, "env");
        Map<String, Object> fields = fieldsOf(event == null ? Map.of() : event);
        for (String name : fields.keySet()) {
            if (!EVENT_FIELDS.contains(name)) {
                throw new DispatchConfigException("unknown field '" + name + "' in the event; valid: "
                        + String.join(", ", EVENT_FIELDS));
            }
        }
        Function<String, List<String>> list = field -> {
            Object value = fields.get(field);
            if (value != null) {
                return fromEvent(field, value);
            }
            String variable = DispatchEnvironment.forField(field).orElseThrow().name();
            return split(env.getOrDefault(variable, ""));
        };
        List<String> regions = list.apply(REGIONS);
        if (regions.isEmpty() && !env.getOrDefault(DispatchEnvironment.AWS_REGION, "").isBlank()) {
            regions = List.of(env.get(DispatchEnvironment.AWS_REGION).trim());
        }
        return new DispatchConfig(env.getOrDefault(DispatchEnvironment.AWS_QUEUE_URL, ""),
                env.getOrDefault(DispatchEnvironment.GCP_QUEUE_URL, ""),
                env.getOrDefault(DispatchEnvironment.AZURE_QUEUE_URL, ""), regions, list.apply(ACCOUNTS),
                list.apply(INCLUDE_OUS), list.apply(EXCLUDE_OUS), list.apply(EXCLUDE_ACCOUNTS),
                list.apply(GCP_PROJECTS), list.apply(AZURE_WORKSPACES));
    }

    /** The event's fields: an EventBridge rule's event carries them in {@code detail}. */
    private static Map<String, Object> fieldsOf(Map<String, Object> event) {
        if (event.containsKey("detail-type") && event.containsKey("source")) {
            Object detail = event.get("detail");
            if (detail == null) {
                return Map.of();
            }
            if (!(detail instanceof Map<?, ?> map)) {
                throw new DispatchConfigException("the EventBridge event's detail is not an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            return fields;
        }
        return event;
    }

    private static List<String> fromEvent(String field, Object value) {
        if (value instanceof String text) {
            return split(text);
        }
        if (value instanceof List<?> items) {
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof String text)) {
                    throw new DispatchConfigException(field + " (from the event) must hold strings, got " + item);
                }
                out.add(text.trim());
            }
            return out;
        }
        throw new DispatchConfigException(field + " (from the event) must be a list of strings or a comma-separated"
                + " string, got " + value.getClass().getSimpleName());
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static String queueUrl(String field, String value) {
        String url = Objects.requireNonNullElse(value, "").trim();
        if (!url.isEmpty() && !QUEUE_URL.matcher(url).matches()) {
            throw new DispatchConfigException(field + ": '" + url + "' is not an SQS queue URL; valid:"
                    + " https://sqs.<region>.amazonaws.com/<account>/<queue name>");
        }
        return url;
    }

    /** The list without duplicates (first kept), each element matching {@code pattern}. */
    private static List<String> checked(String field, List<String> values, Pattern pattern, String valid) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : Objects.requireNonNullElse(values, List.<String>of())) {
            if (value == null || !pattern.matcher(value).matches()) {
                String source = DispatchEnvironment.forField(field).map(v -> " (" + v.name() + " or the event)")
                        .orElse("");
                throw new DispatchConfigException(field + source + ": '" + value + "' is not valid; expected "
                        + valid);
            }
            out.add(value);
        }
        return List.copyOf(out);
    }
}
