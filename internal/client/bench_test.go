package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// BenchmarkListGroupsDecode is the client side of a large list: one GET
// answered with 1000 groups, decoded into []Group.
func BenchmarkListGroupsDecode(b *testing.B) {
	groups := make([]Group, 1000)
	for i := range groups {
		groups[i] = Group{ID: fmt.Sprintf("00000000-0000-0000-0000-%012d", i), Name: fmt.Sprintf("group %d", i), Type: "MANUAL",
			Created: "2025-01-01T00:00:00Z", LastModified: "2025-01-01T00:00:00Z"}
	}
	body, _ := json.Marshal(groups)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/authenticate") {
			_ = json.NewEncoder(w).Encode(map[string]string{"authToken": "t", "expirationTime": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	c, err := New(Config{TenantURL: srv.URL, ApplicationID: "a", SharedSecret: "s"})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		got, err := c.ListGroups(context.Background())
		if err != nil || len(got) != len(groups) {
			b.Fatal(len(got), err)
		}
	}
}
