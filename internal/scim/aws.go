package scim

import (
	"slices"
	"strings"
)

// AWSRequired are the user attributes AWS IAM Identity Center requires on
// create (its SCIM endpoint refuses a user without them).
var AWSRequired = []string{"userName", "displayName", "name.givenName", "name.familyName"}

// MissingAWSRequired returns the attributes of AWSRequired that none of the
// given SCIM attribute paths fills (compared case-insensitively).
func MissingAWSRequired(scimAttributes []string) []string {
	var missing []string
	for _, req := range AWSRequired {
		if !slices.ContainsFunc(scimAttributes, func(a string) bool { return strings.EqualFold(a, req) }) {
			missing = append(missing, req)
		}
	}
	return missing
}
