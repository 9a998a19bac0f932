package io.scalewatch.azure.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.azure.testing.LoopbackHttpsServer.Reply;
import io.scalewatch.azure.testing.LoopbackHttpsServer.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ARM and Microsoft Graph as the demo tenant answers them (for a {@link LoopbackHttpsServer}): the principal's role
 * assignments in the demo subscription (two pages, src/test/resources/arm), the demo's role definitions, its
 * service principal and application (functions/cli/src/main/resources/demo/posture/azure); anything else is 404.
 */
public final class DemoTenant {
    /** The demo subscription. */
    public static final String SUBSCRIPTION = "3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e";
    /** The role-assignments path of the demo subscription. */
    public static final String ASSIGNMENTS = "/subscriptions/" + SUBSCRIPTION
            + "/providers/Microsoft.Authorization/roleAssignments";
    /** The subscription's diagnostic settings path. */
    public static final String DIAGNOSTIC_SETTINGS = "/subscriptions/" + SUBSCRIPTION
            + "/providers/Microsoft.Insights/diagnosticSettings";
    /** The ARM id of the workspace the demo's activity-log diagnostic setting writes to. */
    public static final String WORKSPACE = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-scalewatch";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEFINITION = Pattern.compile(
            "(?:/subscriptions/[^/]+)?/providers/Microsoft.Authorization/roleDefinitions/([0-9a-f-]{36})");
    private static final Path DEMO = Path.of(System.getProperty("scalewatch.root", "../.."),
            "functions/cli/src/main/resources/demo/posture/azure");

    private DemoTenant() {}

    /** The answer to {@code request} of a server at {@code base}. */
    public static Reply answer(Request request, String base) {
        String path = URLDecoder.decode(request.path(), StandardCharsets.UTF_8);
        if (path.equals(ASSIGNMENTS)) {
            String page = request.rawQuery().contains("$skipToken=") ? "page2" : "page1";
            return Reply.json(200, resource("/arm/role-assignments-" + page + ".json").replace("{{ARM}}", base));
        }
        Matcher definition = DEFINITION.matcher(path);
        if (definition.matches()) {
            try {
                for (JsonNode item : JSON.readTree(demo("role-definitions.json")).get("value")) {
                    if (item.path("name").asText().equals(definition.group(1))) {
                        ObjectNode copy = item.deepCopy();
                        copy.put("id", path);
                        return Reply.json(200, copy.toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Reply.json(404, "{\"error\":{\"code\":\"RoleDefinitionDoesNotExist\",\"message\":\"The specified"
                    + " role definition with ID '" + definition.group(1) + "' does not exist.\"}}");
        }
        if (path.equals(DIAGNOSTIC_SETTINGS)) {
            return Reply.json(200, resource("/arm/diagnostic-settings.json"));
        }
        if (path.equals(WORKSPACE)) {
            return Reply.json(200, resource("/arm/workspace.json"));
        }
        if (path.equals("/v1.0/servicePrincipals/" + ActivityData.OBJECT_ID)) {
            return Reply.json(200, demo("service-principal.json"));
        }
        if (path.equals("/v1.0/applications(appId='" + ActivityData.APP_ID + "')")) {
            return Reply.json(200, demo("application.json"));
        }
        return Reply.json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no route " + path + "\"}}");
    }

    private static String resource(String name) {
        try (InputStream in = DemoTenant.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String demo(String file) {
        try {
            return Files.readString(DEMO.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
