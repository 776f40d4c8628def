package scimmock

import "strings"

// index finds users and groups by id, and users by the values that must be
// unique (userName case-insensitively; in AWS mode the primary email), so
// that a request costs the same whatever the number of stored objects. It
// is kept in step with Server.users and Server.groups under Server.mu.
type index struct {
	users      map[string]*resource
	groups     map[string]*resource
	byUserName map[string]*resource // foldKey(userName)
	byEmail    map[string]*resource // primaryEmail (lower-cased)
}

// foldKey is the case-insensitive key of s.
func foldKey(s string) string { return strings.ToLower(s) }

func (x *index) init() {
	if x.users == nil {
		x.users, x.groups = map[string]*resource{}, map[string]*resource{}
		x.byUserName, x.byEmail = map[string]*resource{}, map[string]*resource{}
	}
}

func (x *index) indexUser(u *resource) {
	x.init()
	x.users[u.id] = u
	if n := str(u.attrs, "userName"); n != "" {
		x.byUserName[foldKey(n)] = u
	}
	if e := primaryEmail(u.attrs); e != "" {
		x.byEmail[e] = u
	}
}

// unindexUser drops u's unique values (they may change) and its id.
func (x *index) unindexUser(u *resource) {
	x.init()
	delete(x.users, u.id)
	if k := foldKey(str(u.attrs, "userName")); x.byUserName[k] == u {
		delete(x.byUserName, k)
	}
	if e := primaryEmail(u.attrs); e != "" && x.byEmail[e] == u {
		delete(x.byEmail, e)
	}
}

func (x *index) addGroup(g *resource) {
	x.init()
	x.groups[g.id] = g
}
