# expect-invalid: artifact
aws_scan = { identity = "arn:aws:iam::111122223333:role/castai-eks-demo" }
