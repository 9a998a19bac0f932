package io.scalewatch.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds terraform/ to the code: every handler Terraform deploys exists and is a Lambda handler, every handler in the
 * code is deployed; every environment variable Terraform sets is a constant of the function's Environment class and
 * the required ones are set; every role's code statements grant exactly the IAM actions of the AWS SDK calls its code
 * can reach (read from the bytecode with javap).
 */
class DeploymentContractTest {
    private static final Pattern SCALEWATCH_VARIABLE = Pattern.compile("\\bSCALEWATCH_[A-Z0-9_]+\\b");
    /**
     * Actions a statement may grant on any resource: IAM cannot scope them (LookupEvents, DescribeTrails, ListRoles,
     * ListAccounts, X-Ray), or, for the Organizations OU walk, only with the organization's and management account's
     * ids, which the dispatcher is not given (read-only List calls).
     */
    private static final Set<String> ANY_RESOURCE_ALLOWED = Set.of("cloudtrail:LookupEvents",
            "cloudtrail:DescribeTrails", "iam:ListRoles", "organizations:ListAccounts",
            "organizations:ListAccountsForParent", "organizations:ListOrganizationalUnitsForParent", "xray:PutTelemetryRecords", "xray:PutTraceSegments");

    static Stream<String> functionNames() {
        return Deployment.functions().keySet().stream();
    }

    static Stream<Path> permissionFiles() {
        List<Path> files = new ArrayList<>(Deployment.functions().values().stream()
                .map(Deployment.Function::permissions).toList());
        files.add(Deployment.root().resolve("terraform/modules/aws-target-access/permissions.json"));
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("functionNames")
    void handler_deployedByTerraform_isLambdaHandlerClass(String function) throws ReflectiveOperationException {
        String handler = Deployment.functions().get(function).handler();

        Class<?> type = Class.forName(handler, false, getClass().getClassLoader());

        assertThat(RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type))
                .as("%s (function %s) implements RequestHandler", handler, function).isTrue();
        assertThat(Modifier.isAbstract(type.getModifiers())).as("%s is abstract", handler).isFalse();
        assertThat(type.getConstructor()).as("%s has a public no-argument constructor", handler).isNotNull();
    }

    @Test
    void handlers_inCode_areAllDeployedByTerraform() throws ClassNotFoundException {
        Set<String> deployed = new TreeSet<>();
        Deployment.functions().values().forEach(f -> deployed.add(f.handler()));
        Set<String> inCode = new TreeSet<>();
        for (String name : Deployment.mainClasses().classNames()) {
            if (name.endsWith(".package-info") || name.endsWith("module-info")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            boolean handler = RequestHandler.class.isAssignableFrom(type)
                    || RequestStreamHandler.class.isAssignableFrom(type);
            if (handler && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                inCode.add(name);
            }
        }

        assertThat(inCode).as("handler classes in %s", Deployment.mainClassDirs()).isNotEmpty();
        assertThat(deployed).as("handlers terraform/modules/scanner/functions.json deploys").containsAll(inCode);
    }

    @ParameterizedTest
    @MethodSource("functionNames")
    void environment_setByTerraform_isConstantOfEnvironmentClass(String function) throws ReflectiveOperationException {
        Deployment.Function f = Deployment.functions().get(function);
        Set<String> set = terraformEnvironment().get(function);
        assertThat(set).as("environment.tf sets an environment map for function %s", function).isNotNull();

        Set<String> declared = environmentClassVariables(f.environmentClass());

        assertThat(declared).as("variables of %s.variables()", f.environmentClass()).containsAll(set);
    }

    @ParameterizedTest
    @MethodSource("functionNames")
    void environment_requiredVariables_areSetByTerraform(String function) throws ReflectiveOperationException {
        Deployment.Function f = Deployment.functions().get(function);

        assertThat(f.requiredEnvironment()).as("required_environment of %s in functions.json", function).isNotEmpty();
        assertThat(environmentClassVariables(f.environmentClass())).containsAll(f.requiredEnvironment());
        assertThat(terraformEnvironment().get(function)).as("variables environment.tf sets for %s", function)
                .containsAll(f.requiredEnvironment());
    }

    @Test
    void environment_everyScalewatchNameInTerraform_isSetThroughEnvironmentTf() throws IOException {
        Set<String> mapped = new TreeSet<>();
        terraformEnvironment().values().forEach(mapped::addAll);
        Set<String> mentioned = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Deployment.root().resolve("terraform"))) {
            for (Path tf : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
                Matcher m = SCALEWATCH_VARIABLE.matcher(Files.readString(tf));
                while (m.find()) {
                    mentioned.add(m.group());
                }
            }
        }

        assertThat(mapped).as("names environment.tf maps to functions (a variable set anywhere else is unchecked)")
                .containsAll(mentioned);
    }

    @ParameterizedTest
    @MethodSource("functionNames")
    void executionRole_codeStatements_grantExactlyTheSdkCallsOfTheHandler(String function) {
        Deployment.Function f = Deployment.functions().get(function);
        Permissions permissions = Permissions.read(f.permissions());

        Set<String> needed = Deployment.neededActions(Deployment.mainClasses(), List.of(f.handler()));

        assertThat(IamContract.mismatch(permissions, needed)).as("IAM contract of function %s", function).isEmpty();
    }

    @Test
    void targetAccessRole_statements_grantExactlyTheSdkCallsOfTheCollectors() {
        Permissions permissions = Permissions.read(
                Deployment.root().resolve("terraform/modules/aws-target-access/permissions.json"));
        assertThat(permissions.sources()).as("classes that run with the assumed session").isNotEmpty();

        Set<String> needed = Deployment.neededActions(Deployment.mainClasses(), permissions.sources());

        assertThat(needed).contains("cloudtrail:LookupEvents", "iam:GetRole");
        assertThat(IamContract.mismatch(permissions, needed)).isEmpty();
        assertThat(permissions.statements()).allMatch(Permissions.Statement::fromCode,
                "a target account grants only what the collectors call");
    }

    @ParameterizedTest
    @MethodSource("permissionFiles")
    void permissions_everyStatement_saysWhyAndWhere(Path file) {
        Permissions permissions = Permissions.read(file);
        Set<String> sids = new TreeSet<>();

        assertThat(permissions.statements()).as("statements of %s", file).isNotEmpty();
        for (Permissions.Statement s : permissions.statements()) {
            assertThat(sids.add(s.sid())).as("sid %s is unique in %s", s.sid(), file).isTrue();
            assertThat(s.sid()).matches("[A-Za-z0-9]+");
            assertThat(s.source()).as("source of %s", s.sid()).isIn("code", "platform");
            assertThat(s.why()).as("why of %s", s.sid()).isNotBlank();
            assertThat(s.resources()).as("resources of %s", s.sid()).matches("[a-z_]+");
            assertThat(s.actions()).as("actions of %s", s.sid()).isNotEmpty()
                    .allMatch(a -> a.matches("[a-z0-9-]+:[A-Za-z0-9]+"), "service:Action without wildcards");
            if ("any".equals(s.resources())) {
                assertThat(ANY_RESOURCE_ALLOWED).as("%s grants on any resource", s.sid()).containsAll(s.actions());
            }
            if ("none".equals(s.resources())) {
                assertThat(s.fromCode()).as("%s: resources none is for reachable calls the function never makes",
                        s.sid()).isTrue();
            }
        }
    }

    static Stream<String> scanFunctionNames() {
        return functionNames().filter(name -> !"dispatch".equals(name));
    }

    @ParameterizedTest
    @MethodSource("scanFunctionNames")
    void fanOut_scanFunctionFedByQueue_handlesSqsBatches(String function) throws IOException {
        String fanout = Files.readString(Deployment.scannerModule().resolve("fanout.tf"));
        String handler = Deployment.functions().get(function).handler();
        assertThat(fanout).as("fanout.tf maps a queue to every scan function")
                .contains("fanout_functions = var.organization_fanout == null ? {} : local.scan_functions")
                .contains("function_response_types = [\"ReportBatchItemFailures\"]");

        Set<String> reachable = Deployment.mainClasses().reachable(List.of(handler));

        // An event source mapping hands the handler {"Records": [...]}; core's QueuedScans runs each body and
        // answers the partial batch response ReportBatchItemFailures expects.
        assertThat(reachable).as("classes %s reaches", handler).contains("io.scalewatch.core.dispatch.QueuedScans");
    }

    @Test
    void fanOut_fifoScanQueues_dispatcherSetsMessageGroupId() throws IOException {
        String fanout = Files.readString(Deployment.scannerModule().resolve("fanout.tf"));
        String dispatcher = Deployment.functions().get("dispatch").handler();
        assertThat(fanout).as("fanout.tf's scan queues are FIFO").contains("fifo_queue                        = true");

        Set<String> sdkMethods = Deployment.mainClasses()
                .sdkMethods(Deployment.mainClasses().reachable(List.of(dispatcher)));

        // A FIFO queue refuses a message without a group; the group (= the target) is what keeps one target's runs
        // from overlapping while other targets run.
        assertThat(sdkMethods).as("SDK methods %s reaches", dispatcher)
                .anyMatch(m -> m.startsWith("software.amazon.awssdk.services.sqs.model.SendMessage")
                        && m.endsWith(".messageGroupId"));
    }

    @Test
    void terraform_readsEveryPermissionsFileWithJsondecode() throws IOException {
        String iam = Files.readString(Deployment.scannerModule().resolve("iam.tf"));
        String main = Files.readString(Deployment.scannerModule().resolve("main.tf"));
        String target = Files.readString(Deployment.root().resolve("terraform/modules/aws-target-access/main.tf"));

        assertThat(iam).contains("jsondecode(file(\"${path.module}/${f.permissions}\"))");
        assertThat(main).contains("jsondecode(file(\"${path.module}/functions.json\"))").contains("each.value.handler");
        assertThat(target).contains("jsondecode(file(\"${path.module}/permissions.json\"))");
    }

    private static Map<String, Set<String>> terraformEnvironment() {
        return TerraformEnvironment.read(Deployment.scannerModule().resolve("environment.tf"));
    }

    private static Set<String> environmentClassVariables(String className) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className, false, DeploymentContractTest.class.getClassLoader());
        Method variables = type.getMethod("variables");
        Set<String> names = new TreeSet<>();
        for (Object variable : (List<?>) variables.invoke(null)) {
            names.add((String) variable.getClass().getMethod("name").invoke(variable));
        }
        return names;
    }
}
