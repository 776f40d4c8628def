package emulator

import "sort"

// Inventory counts the objects the tenant holds, by kind, and lists their
// names, so that tests can check that nothing was created twice and that
// destroy left nothing behind. Built-in objects (system user attributes,
// authentication flows, default mappings of provisioners that no longer
// exist) are not counted.
type Inventory struct {
	Counts map[string]int
	Names  map[string][]string
}

// Inventory returns what the tenant holds now.
func (e *Emulator) Inventory() Inventory {
	e.mu.Lock()
	defer e.mu.Unlock()
	inv := Inventory{Counts: map[string]int{}, Names: map[string][]string{}}
	add := func(kind, name string) {
		inv.Counts[kind]++
		inv.Names[kind] = append(inv.Names[kind], name)
	}
	for _, g := range e.groups {
		add("group", g.Name)
	}
	for _, a := range e.attrs {
		if !a.SystemDefined {
			add("user_attribute", a.Name)
		}
	}
	for _, u := range e.users {
		add("user", u.UserID)
	}
	for _, a := range e.apps {
		add("application", a.Name)
	}
	for _, c := range e.certs {
		add("signing_certificate", c.ID)
	}
	for _, r := range e.rr.rules {
		add("resource_rule", r.Name)
	}
	for _, p := range e.provs.byID {
		add("provisioner", p.Name)
		for _, m := range p.mappings {
			add("provisioner_mapping", p.Name+"/"+m.SCIMAttribute)
		}
	}
	for k := range inv.Names {
		sort.Strings(inv.Names[k])
	}
	return inv
}
