package io.scalewatch.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The IAM contract fails when the code and a role part ways, and the SDK-to-IAM mapping names actions right. */
class IamContractTest {
    private static final String AWS_HANDLER = "io.scalewatch.aws.lambda.AwsScanHandler";

    @Test
    void drift_newSdkCallInBytecodeWithoutPermission_isMissingFromTheAwsRole() {
        Bytecode code = Deployment.mainClasses()
                .plus(Bytecode.read(List.of(Deployment.root().resolve("functions/lambda/target/test-classes"))));
        Permissions aws = Permissions.read(Deployment.scannerModule().resolve("permissions/aws-scan.json"));
        Set<String> handler = Deployment.neededActions(code, List.of(AWS_HANDLER));

        Set<String> withChange = Deployment.neededActions(code, List.of(ExtraCallFixture.class.getName()));
        IamContract.Drift drift = IamContract.drift(aws, withChange);

        Set<String> added = new TreeSet<>(withChange);
        added.removeAll(handler);
        assertThat(added).containsExactly("s3:DeleteBucket");
        assertThat(drift.missing()).contains("s3:DeleteBucket");
        assertThat(IamContract.mismatch(aws, withChange)).hasValueSatisfying(m -> assertThat(m)
                .contains("the code calls AWS APIs the role does not grant: [").contains("s3:DeleteBucket"));
    }

    @Test
    void drift_fakeExtraOperationFed_isMissingFromTheAwsRole() {
        Permissions aws = Permissions.read(Deployment.scannerModule().resolve("permissions/aws-scan.json"));
        Set<String> needed = Deployment.neededActions(Deployment.mainClasses(), List.of(AWS_HANDLER));
        Set<String> withFake = new TreeSet<>(needed);
        IamActions.of(new SdkCall("securityhub", "SecurityHubClient", "batchUpdateFindings")).ifPresent(withFake::add);

        IamContract.Drift before = IamContract.drift(aws, needed);
        IamContract.Drift after = IamContract.drift(aws, withFake);

        assertThat(before.missing()).doesNotContain("securityhub:BatchUpdateFindings");
        assertThat(after.missing()).contains("securityhub:BatchUpdateFindings");
        assertThat(IamContract.mismatch(aws, withFake)).isPresent();
    }

    @Test
    void drift_permissionNoCallNeeds_isUnused() {
        Permissions aws = Permissions.read(Deployment.scannerModule().resolve("permissions/aws-scan.json"));
        Set<String> needed = new TreeSet<>(Deployment.neededActions(Deployment.mainClasses(), List.of(AWS_HANDLER)));
        needed.remove("cloudtrail:LookupEvents");

        assertThat(IamContract.drift(aws, needed).unused()).contains("cloudtrail:LookupEvents");
        assertThat(IamContract.mismatch(aws, needed)).hasValueSatisfying(m -> assertThat(m)
                .contains("code statements grant actions no reachable SDK call needs: [")
                .contains("cloudtrail:LookupEvents"));
    }

    @Test
    void neededActions_awsHandler_skipsLocalOnlyClasses() {
        Bytecode code = Deployment.mainClasses();

        Set<String> reachable = code.reachable(List.of(AWS_HANDLER));
        Set<String> needed = Deployment.neededActions(code, List.of(AWS_HANDLER));

        assertThat(reachable).doesNotContain("io.scalewatch.aws.lambda.LocalSeed", "io.scalewatch.aws.lambda.LocalInvoke");
        assertThat(needed).contains("sts:AssumeRole", "s3:PutObject", "securityhub:BatchImportFindings")
                .doesNotContain("iam:CreateRole", "securityhub:EnableSecurityHub", "sts:GetCallerIdentity");
    }

    @ParameterizedTest
    @CsvSource({
        "s3, S3Client, putObject, s3:PutObject",
        "s3, S3Client, headObject, s3:GetObject",
        "s3, S3Client, getObjectAsBytes, s3:GetObject",
        "s3, S3Client, listObjectsV2Paginator, s3:ListBucket",
        "securityhub, SecurityHubClient, getFindingsPaginator, securityhub:GetFindings",
        "cloudtrail, CloudTrailClient, lookupEventsPaginator, cloudtrail:LookupEvents",
        "sqs, SqsClient, sendMessageBatch, sqs:SendMessage",
        "organizations, OrganizationsClient, listAccountsPaginator, organizations:ListAccounts",
        "secretsmanager, SecretsManagerClient, getSecretValue, secretsmanager:GetSecretValue",
        "cloudwatchlogs, CloudWatchLogsClient, putLogEvents, logs:PutLogEvents"
    })
    void of_sdkOperation_isItsIamAction(String service, String client, String method, String action) {
        assertThat(IamActions.of(new SdkCall(service, client, method))).hasValue(action);
    }

    @ParameterizedTest
    @CsvSource({"sts, StsClient, getCallerIdentity", "s3, S3Client, close", "s3, S3Client, builder",
        "s3, S3Client, utilities"})
    void of_callNeedingNoPermission_isEmpty(String service, String client, String method) {
        assertThat(IamActions.of(new SdkCall(service, client, method))).isEmpty();
    }

    @Test
    void ofHelper_credentialProvider_isTheStsCallItMakes() {
        assertThat(IamActions.ofHelper("software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider"))
                .hasValue("sts:AssumeRole");
        assertThat(IamActions.ofHelper("software.amazon.awssdk.services.s3.model.PutObjectRequest")).isEmpty();
        assertThat(IamActions.ofHelper("software.amazon.awssdk.services.s3.S3ClientBuilder")).isEmpty();
    }

    @Test
    void ofHelper_unknownSdkHelper_failsUntilClassified() {
        assertThatThrownBy(() -> IamActions.ofHelper("software.amazon.awssdk.services.s3.transfer.S3TransferManager"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("S3TransferManager")
                .hasMessageContaining("IamActions.HELPERS");
    }
}
