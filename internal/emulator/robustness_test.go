package emulator

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// routes lists every admin API route with a concrete path.
var robustnessRoutes = []string{
	"GET /api/web/v1/groups", "POST /api/web/v1/groups", "GET /api/web/v1/groups/ID", "PUT /api/web/v1/groups/ID", "DELETE /api/web/v1/groups/ID",
	"POST /api/web/v1/groups/externalid", "POST /api/web/v1/groupspaged",
	"GET /api/web/v1/userattributes", "POST /api/web/v1/userattributes", "GET /api/web/v1/userattributes/ID", "PUT /api/web/v1/userattributes/ID", "DELETE /api/web/v1/userattributes/ID",
	"POST /api/web/v3/users", "GET /api/web/v3/users/ID", "PUT /api/web/v3/users/ID", "DELETE /api/web/v3/users/ID", "POST /api/web/v3/users/userid",
	"PUT /api/web/v1/userauthorizationgroup/ID/groups",
	"GET /api/web/v1/applicationinfo", "GET /api/web/v1/applications/templates",
	"POST /api/web/v1/signingcertificates", "GET /api/web/v1/signingcertificates", "GET /api/web/v1/signingcertificates/ID", "DELETE /api/web/v1/signingcertificates/ID",
	"POST /api/web/v1/applications/saml", "GET /api/web/v1/applications/saml/ID", "PUT /api/web/v1/applications/saml/ID", "DELETE /api/web/v1/applications/saml/ID",
	"GET /api/web/v1/applications/saml/ID/idpmetadata",
	"GET /api/web/v2/resourcerules", "POST /api/web/v2/resourcerules", "GET /api/web/v2/resourcerules/ID", "PUT /api/web/v2/resourcerules/ID",
	"DELETE /api/web/v2/resourcerules/ID", "GET /api/web/v2/resourcerules/resource/ID", "GET /api/web/v2/authenticationflows", "GET /api/web/v2/authenticationflows/ID",
	"GET /api/web/v1/provisioners", "POST /api/web/v1/provisioners", "GET /api/web/v1/provisioners/ID", "PUT /api/web/v1/provisioners/ID", "DELETE /api/web/v1/provisioners/ID",
	"POST /api/web/v1/provisioners/ID/test", "POST /api/web/v1/provisioners/ID/sync", "GET /api/web/v1/provisioners/ID/operations/ID",
	"GET /api/web/v1/provisioners/ID/mappings", "POST /api/web/v1/provisioners/ID/mappings", "GET /api/web/v1/provisioners/ID/mappings/displayName",
	"PUT /api/web/v1/provisioners/ID/mappings/displayName", "DELETE /api/web/v1/provisioners/ID/mappings/displayName",
	"POST /api/web/v1/userspaged", "GET /api/web/v1/applications/saml", "POST /api/web/v1/provisioners/ID/operationspaged",
}

// Every route answers malformed JSON, random bytes, wrong types and another
// tenant's ids with a 4xx ErrorInfo, never a 5xx or a crash.
func TestEveryRouteRejectsBadInput(t *testing.T) {
	h := newHarness(t, Options{})
	other := newHarness(t, Options{})
	// An id that exists, but in another tenant.
	_, body := other.call("POST", "/api/web/v1/groups", map[string]string{"name": "theirs"})
	foreignID := strings.Split(strings.Split(string(body), `"id":"`)[1], `"`)[0]
	rnd := rand.New(rand.NewPCG(1, 2))
	junk := func() string {
		b := make([]byte, rnd.IntN(200))
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		return string(b)
	}
	bodies := []string{"{not json", `{"name": 5, "groupIds": "x", "userAttributeValues": {}, "mappings": 3}`, `[1,2,3]`, `null`, `""`, junk(), junk(), junk()}
	for _, route := range robustnessRoutes {
		method, path, _ := strings.Cut(route, " ")
		for _, id := range []string{foreignID, "not-a-uuid", "../../etc"} {
			p := strings.ReplaceAll(path, "ID", id)
			for _, b := range bodies {
				var in any
				if method == "POST" || method == "PUT" {
					in = b
				}
				status, resp := h.call(method, p, in)
				if status >= 500 {
					t.Errorf("%s %s with %q: %d %s", method, p, b, status, resp)
				}
				if status >= 400 && !strings.Contains(string(resp), `"errorCode"`) && status != 404 && status != 405 {
					t.Errorf("%s %s: %d without an ErrorInfo body: %s", method, p, status, resp)
				}
			}
		}
	}
	// Nothing was created by any of it.
	if inv := h.emu.Inventory(); len(inv.Counts) != 0 {
		t.Fatalf("bad input created objects: %v", inv.Names)
	}
}
