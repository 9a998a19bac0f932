package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.HOUR;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The token claims ARM copies into Activity Log records. A token lives about an hour, so records of one caller in
 * one hour share the same claims (derived from caller and hour, never from the stream's random sequence).
 */
final class AzureClaims {
    private static final String PORTAL_APP = "c44b4083-3bb0-49c1-b47d-974e53cbdf3c";

    private AzureClaims() {
    }

    static ObjectNode of(AzureActivity.Caller caller, long t) {
        long hour = Math.floorDiv(t, HOUR);
        DemoRandom random = new DemoRandom(caller.objectId().hashCode() * 1_000_003L + hour);
        long issued = hour * 3600 - 120 - random.below(600);
        String issuer = "https://sts.windows.net/" + AzureActivity.TENANT + "/";
        ObjectNode claims = obj(
                "aud", "https://management.azure.com/",
                "iss", issuer,
                "iat", String.valueOf(issued),
                "nbf", String.valueOf(issued),
                "exp", String.valueOf(issued + 3899),
                "aio", "E2Rg" + random.base64(52) + "=");
        if (caller.isApp()) {
            claims.put("appid", caller.appId());
            claims.put("appidacr", "1");
        } else {
            claims.put("http://schemas.microsoft.com/claims/authnclassreference", "1");
            claims.put("http://schemas.microsoft.com/claims/authnmethodsreferences", "pwd,mfa");
            claims.put("appid", PORTAL_APP);
            claims.put("appidacr", "0");
            claims.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "Martin");
            claims.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "Alice");
            claims.put("ipaddr", caller.ip());
            claims.put("name", "Alice Martin");
        }
        claims.put("http://schemas.microsoft.com/identity/claims/identityprovider", issuer);
        claims.put("idtyp", caller.isApp() ? "app" : "user");
        claims.put("http://schemas.microsoft.com/identity/claims/objectidentifier", caller.objectId());
        claims.put("rh", "0.AQ4A" + random.base64(54) + ".");
        if (!caller.isApp()) {
            claims.put("http://schemas.microsoft.com/identity/claims/scope", "user_impersonation");
            claims.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", caller.upn());
            claims.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", caller.upn());
        }
        claims.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", caller.objectId());
        claims.put("http://schemas.microsoft.com/identity/claims/tenantid", AzureActivity.TENANT);
        claims.put("uti", random.base64(22));
        claims.put("ver", "1.0");
        claims.put("xms_tcdt", "1623344123");
        return claims;
    }
}
