package directory_test

import (
	"context"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/directory"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
)

// Seed leaves each person a user in its department's group, made through
// the admin API only.
func TestSeed(t *testing.T) {
	emu := emulator.New(emulator.Options{})
	_, c := emutest.Serve(t, emu, client.Config{})
	ctx := context.Background()
	d, err := directory.Seed(ctx, c, directory.People, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Users) != len(directory.People) || len(d.Groups) != 3 {
		t.Fatalf("made %d users and %d groups", len(d.Users), len(d.Groups))
	}
	ada, err := c.GetUserByUserID(ctx, "ada.lovelace@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if ada.ExternalID != "ad-ada.lovelace" || ada.FirstName != "Ada" || len(ada.Groups) != 1 || ada.Groups[0].ID != d.Groups[directory.Engineering] {
		t.Fatalf("ada: %+v", ada)
	}
	g, err := c.GetGroupByExternalID(ctx, directory.GroupDN(directory.Engineering))
	if err != nil || g.Name != directory.Engineering {
		t.Fatalf("the Engineering group by its DN: %+v %v", g, err)
	}
	if n := len(emu.GroupMembers(g.ID)); n != 4 {
		t.Fatalf("Engineering has %d members, want 4", n)
	}
	if st := emu.Stats().ByRoute; st["POST /api/web/v3/users"] != len(directory.People) {
		t.Fatalf("not made through the admin API: %v", st)
	}
}
