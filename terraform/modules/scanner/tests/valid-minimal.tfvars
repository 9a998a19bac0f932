artifact = { s3_bucket = "my-artifacts", s3_key = "scalewatch/scalewatch-lambda.jar" }
aws_scan = { identity = "arn:aws:iam::111122223333:role/castai-eks-demo" }
