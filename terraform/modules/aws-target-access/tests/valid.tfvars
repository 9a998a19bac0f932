scanner_role_arn = "arn:aws:iam::111122223333:role/scalewatch-aws-function"
external_id      = "0123456789abcdef0123"
