package io.scalewatch.cli.demo;

/** AWS services the demo calls: CloudTrail eventSource, Go SDK v2 api token and TLS host of each. */
enum AwsService {
    EC2("ec2.amazonaws.com", "ec2#1.170.0", "ec2.%s.amazonaws.com", "1.09"),
    AUTOSCALING("autoscaling.amazonaws.com", "autoscaling#1.43.3", "autoscaling.%s.amazonaws.com", "1.08"),
    STS("sts.amazonaws.com", "sts#1.30.3", "sts.%s.amazonaws.com", "1.08"),
    IAM("iam.amazonaws.com", "iam#1.34.3", "iam.amazonaws.com", "1.09"),
    EKS("eks.amazonaws.com", "eks#1.46.2", "eks.%s.amazonaws.com", "1.09"),
    PRICING("pricing.amazonaws.com", "pricing#1.30.3", "api.pricing.%s.amazonaws.com", "1.08"),
    SSM("ssm.amazonaws.com", "ssm#1.52.3", "ssm.%s.amazonaws.com", "1.09"),
    SECRETS_MANAGER("secretsmanager.amazonaws.com", "secretsmanager#1.32.3", "secretsmanager.%s.amazonaws.com", "1.09"),
    S3("s3.amazonaws.com", "s3#1.58.2", "s3.%s.amazonaws.com", "1.10"),
    BEDROCK("bedrock.amazonaws.com", "bedrock#1.12.0", "bedrock.%s.amazonaws.com", "1.09"),
    BEDROCK_RUNTIME("bedrock.amazonaws.com", "bedrockruntime#1.16.3", "bedrock-runtime.%s.amazonaws.com", "1.09"),
    CLOUDTRAIL("cloudtrail.amazonaws.com", "cloudtrail#1.42.3", "cloudtrail.%s.amazonaws.com", "1.09"),
    GUARDDUTY("guardduty.amazonaws.com", "guardduty#1.45.3", "guardduty.%s.amazonaws.com", "1.08"),
    BUDGETS("budgets.amazonaws.com", "budgets#1.25.3", "budgets.amazonaws.com", "1.08"),
    CUR("cur.amazonaws.com", "costandusagereportservice#1.24.3", "cur.%s.amazonaws.com", "1.08"),
    ORGANIZATIONS("organizations.amazonaws.com", "organizations#1.30.3", "organizations.%s.amazonaws.com", "1.09"),
    KMS("kms.amazonaws.com", "kms#1.35.3", "kms.%s.amazonaws.com", "1.09"),
    ECR("ecr.amazonaws.com", "ecr#1.32.0", "api.ecr.%s.amazonaws.com", "1.08"),
    LAMBDA("lambda.amazonaws.com", "lambda#1.56.3", "lambda.%s.amazonaws.com", "1.09"),
    RDS("rds.amazonaws.com", "rds#1.81.4", "rds.%s.amazonaws.com", "1.09"),
    DYNAMODB("dynamodb.amazonaws.com", "dynamodb#1.34.3", "dynamodb.%s.amazonaws.com", "1.09"),
    CLOUDFORMATION("cloudformation.amazonaws.com", "cloudformation#1.53.3", "cloudformation.%s.amazonaws.com", "1.09"),
    SIGNIN("signin.amazonaws.com", "", "signin.aws.amazon.com", "1.08");

    private final String eventSource;
    private final String apiToken;
    private final String hostPattern;
    private final String eventVersion;

    AwsService(String eventSource, String apiToken, String hostPattern, String eventVersion) {
        this.eventSource = eventSource;
        this.apiToken = apiToken;
        this.hostPattern = hostPattern;
        this.eventVersion = eventVersion;
    }

    String eventSource() {
        return eventSource;
    }

    /** The {@code api/<service>#<version>} token the Go SDK v2 puts in its user agent. */
    String apiToken() {
        return apiToken;
    }

    String host(String region) {
        return hostPattern.contains("%s") ? String.format(hostPattern, region) : hostPattern;
    }

    String eventVersion() {
        return eventVersion;
    }
}
