package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// secretsKeptOut checks that neither the shared secret nor the SCIM token,
// both given as ephemeral variables, reached the state.
func (d *demo) secretsKeptOut() error {
	state, err := os.ReadFile(filepath.Join(d.work, "terraform.tfstate"))
	if err != nil {
		return err
	}
	for name, s := range map[string]string{"the shared secret": d.conn.SharedSecret, "the SCIM token": d.conn.SCIMToken} {
		if s != "" && strings.Contains(string(state), s) {
			return errors.New("the state holds " + name)
		}
	}
	fmt.Println("\nsecrets in state: none (the shared secret and the SCIM token are ephemeral inputs; the provisioner takes bearer_token_wo)")
	return nil
}
