package provider

import "strings"

// needsProjectEndpoints is the first sentence of the description (and so of
// the doc page) of every type that calls a project-defined endpoint
// (api/idaas-project-api.yaml): a tenant that serves only the published
// Administration API 5.46, which is every real tenant today, answers those
// with a plain 404, and the type fails there (it never empties state).
func needsProjectEndpoints(routes ...string) string {
	return "**Needs project-defined endpoints** (`" + strings.Join(routes, "`, `") + "`), which are not part of the " +
		"vendor's published Administration API 5.46: a tenant that does not serve them fails this type with an error " +
		"naming the route (see the guide \"What a tenant must serve\"). "
}
