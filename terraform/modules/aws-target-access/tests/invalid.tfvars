# expect-invalid: role_name scanner_role_arn external_id
role_name        = "scalewatch read"
scanner_role_arn = "arn:aws:iam::111122223333:user/admin"
external_id      = "short"
