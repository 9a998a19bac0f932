# expect-invalid: project_id scanner_role_arn pool_id projects folders organizations
project_id       = "Security Tooling"
scanner_role_arn = "arn:aws:iam::111122223333:role/path/scalewatch-gcp-function"
pool_id          = "gcp-reserved"
projects         = []
folders          = ["1234567890"]
organizations    = ["orgs/1"]
