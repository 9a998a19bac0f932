//go:build tools

// Pins terraform-docs for infra/bin/check-terraform: built from this module file (go.mod + go.sum), so every
// dependency is pinned by hash.
package tools

import _ "github.com/terraform-docs/terraform-docs"
