package client

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// Shared reads: Read<X> (ReadUser, ReadGroup, ...) answers what Get<X>
// answers, but may serve it from the tenant's list or paged-search answers
// fetched once for all the Reads of that type in this client's life (one
// provider process, one Terraform command), when that costs fewer
// requests. Terraform sends Reads one at a time (at most -parallelism at
// once) and never says how many will come, so this is the rent-or-buy
// problem; see DESIGN.md, "Shared reads".
//
//   - Where the listing says how many objects T it will hold (paging.total
//     of the project-defined userspaged), its cost is known after its first
//     page: ceil(T/100) pages. Reads the pages do not serve are GETs until
//     the GETs spent equal the pages still to fetch; then the rest of the
//     listing is fetched and serves every later Read.
//   - Where it does not (the published groupspaged, and lists answered in
//     one request), list pages are spent only as fast as GETs: a Read
//     fetches the next page when no more pages than GETs were spent, and
//     GETs its object when the pages so far do not hold it.
//
// Either way the requests spent stay within about twice the cheaper of N
// GETs and the whole listing, plus a page.
//
// Correctness:
//   - an object a complete listing lacks is read with Get<X>, so that only
//     the API's own not-found removes it from state;
//   - every write this client sends (any request but GETs, searches and
//     look-ups) is a new epoch, counted when it is sent and again when it is
//     answered; listings begun in an earlier epoch are dropped whole, so a
//     listing never serves an object written after it began;
//   - what is served is the object the list answered, which the tenant
//     answers exactly as Get<X> (userspaged is asked for the user's groups
//     and custom attribute values), so drift shows as with Get<X>;
//   - a listing keeps the objects not yet served, and drops each once it
//     serves it.

// SharedReadsMode says when Read<X> may use a listing.
type SharedReadsMode int

const (
	// SharedReadsAuto lists when that is cheaper (rent or buy).
	SharedReadsAuto SharedReadsMode = iota
	// SharedReadsAlways lists on the first Read of a type (tests).
	SharedReadsAlways
	// SharedReadsNever reads every object with its own GET.
	SharedReadsNever
)

// ParseSharedReadsMode reads "auto", "always" or "never" ("" is auto).
func ParseSharedReadsMode(s string) (SharedReadsMode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return SharedReadsAuto, nil
	case "always", "on":
		return SharedReadsAlways, nil
	case "never", "off":
		return SharedReadsNever, nil
	}
	return SharedReadsAuto, fmt.Errorf("%q is not auto, always or never", s)
}

// SharedReadStats counts one type's reads.
type SharedReadStats struct {
	// Served is the Reads answered from a listing, GETs those answered by
	// their own GET, Pages the listing requests spent.
	Served, GETs, Pages int
}

type sharedReads struct {
	mode  SharedReadsMode
	epoch atomic.Uint64

	mu       sync.Mutex
	listings map[string]any // kind -> *listing[T]
	stats    map[string]*SharedReadStats
}

func newSharedReads(mode SharedReadsMode) *sharedReads {
	return &sharedReads{mode: mode, listings: map[string]any{}, stats: map[string]*SharedReadStats{}}
}

// wrote marks a write: listings begun before it are dropped.
func (s *sharedReads) wrote() { s.epoch.Add(1) }

// isWrite reports whether a request may change the tenant's objects.
func isWrite(method, path string) bool {
	return method != http.MethodGet && (method != http.MethodPost || isCreatePath(path))
}

// SharedReadStats returns the counters of shared reads so far, by type.
func (c *Client) SharedReadStats() map[string]SharedReadStats {
	s := c.shared
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]SharedReadStats, len(s.stats))
	for k, v := range s.stats {
		out[k] = *v
	}
	return out
}

// source fetches one page of a listing: the page after cursor ("" the
// first), its objects, the next cursor ("" at the end) and the total the
// listing will hold (-1 when the answer does not say).
type source[T any] func(ctx context.Context, cursor string) (objs []T, next string, total int, err error)

// listing is one type's listing in one epoch.
type listing[T any] struct {
	epoch uint64
	fetch sync.Mutex // one page request at a time, in cursor order

	mu     sync.Mutex
	gets   int
	pages  int
	total  int // -1: unknown
	cursor string
	done   bool
	failed bool
	objs   map[string]T
}

// listingFor returns kind's listing of the current epoch.
func listingFor[T any](s *sharedReads, kind string) (*listing[T], *SharedReadStats) {
	ep := s.epoch.Load()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats[kind]
	if st == nil {
		st = &SharedReadStats{}
		s.stats[kind] = st
	}
	if l, ok := s.listings[kind].(*listing[T]); ok && l.epoch == ep {
		return l, st
	}
	l := &listing[T]{epoch: ep, total: -1, objs: map[string]T{}}
	s.listings[kind] = l
	return l, st
}

func (s *sharedReads) count(st *SharedReadStats, f func(*SharedReadStats)) {
	s.mu.Lock()
	f(st)
	s.mu.Unlock()
}

// take serves id from the pages fetched so far, if they hold it and no
// write happened since they were.
func (l *listing[T]) take(s *sharedReads, id string) (T, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	o, ok := l.objs[id]
	if ok {
		delete(l.objs, id)
	}
	if ok && s.epoch.Load() != l.epoch {
		var zero T
		return zero, false
	}
	return o, ok
}

// nextPage fetches the next page (the caller holds l.fetch).
func (l *listing[T]) nextPage(ctx context.Context, s *sharedReads, st *SharedReadStats, src source[T], idOf func(*T) string) {
	l.mu.Lock()
	if l.done || l.failed {
		l.mu.Unlock()
		return
	}
	cursor := l.cursor
	l.mu.Unlock()
	objs, next, total, err := src(ctx, cursor)
	s.count(st, func(st *SharedReadStats) { st.Pages++ })
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pages++
	if err != nil || s.epoch.Load() != l.epoch {
		// A failed listing, or one a write overtook: Reads go per object.
		l.failed = true
		l.objs = nil
		return
	}
	for i := range objs {
		l.objs[idOf(&objs[i])] = objs[i]
	}
	if total >= 0 {
		l.total = total
	}
	l.cursor = next
	l.done = next == "" || len(objs) == 0
}

// sharedRead is Read<X>: get answers the object by itself; src lists the
// type, and counts says whether its first page tells the total.
func sharedRead[T any](c *Client, ctx context.Context, kind, id string, get func(context.Context, string) (*T, error),
	src source[T], counts bool, idOf func(*T) string,
) (*T, error) {
	s := c.shared
	if s.mode == SharedReadsNever {
		return get(ctx, id)
	}
	l, st := listingFor[T](s, kind)
	// needPage says whether a page is due: the first page of a listing
	// that tells its total, or, for one that does not, a page for every
	// GET spent. buy says whether the rest of the listing is.
	needPage := func() (page, buy, end bool) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.done || l.failed || ctx.Err() != nil {
			return false, false, true
		}
		if s.mode == SharedReadsAlways || (l.total >= 0 && l.gets >= (l.total+PageSize-1)/PageSize-l.pages) {
			return false, true, false
		}
		return (counts && l.pages == 0) || (!counts && l.pages < l.gets), false, false
	}
	for {
		if o, ok := l.take(s, id); ok {
			s.count(st, func(st *SharedReadStats) { st.Served++ })
			return &o, nil
		}
		page, buy, end := needPage()
		if end || (!page && !buy) {
			break
		}
		// One request at a time, in cursor order; whoever waited looks
		// again, since the page it wanted may have been fetched.
		l.fetch.Lock()
		if page, buy, end = needPage(); !end && (page || buy) {
			l.nextPage(ctx, s, st, src, idOf)
		}
		l.fetch.Unlock()
	}
	// Rent: this object's own GET (which also confirms that an object a
	// complete listing lacks is gone).
	l.mu.Lock()
	l.gets++
	l.mu.Unlock()
	s.count(st, func(st *SharedReadStats) { st.GETs++ })
	return get(ctx, id)
}

// pagedSource lists a paged search: attributes as asked, 100 a page.
func pagedSource[T any](c *Client, path string, attributes []string) source[T] {
	return func(ctx context.Context, cursor string) ([]T, string, int, error) {
		p := SearchParms{Limit: PageSize, Attributes: attributes}
		if cursor != "" {
			p = SearchParms{Limit: PageSize, Cursor: cursor}
		}
		var pg page[T]
		if err := c.do(ctx, http.MethodPost, path, p, &pg); err != nil {
			return nil, "", -1, err
		}
		total := -1
		if pg.Paging.Total != nil {
			total = *pg.Paging.Total
		}
		return pg.Results, pg.Paging.NextCursor, total, nil
	}
}

// wholeSource lists with one request that answers every object.
func wholeSource[T any](list func(context.Context) ([]T, error)) source[T] {
	return func(ctx context.Context, _ string) ([]T, string, int, error) {
		objs, err := list(ctx)
		return objs, "", len(objs), err
	}
}

// ReadUser answers what GetUser does (the user with its groups and custom
// attribute values), from userspaged when shared reads make it cheaper.
func (c *Client) ReadUser(ctx context.Context, id string) (*User, error) {
	return sharedRead(c, ctx, "user", id, c.GetUser,
		pagedSource[User](c, "/api/web/v1/userspaged", []string{UserAttrGroups, UserAttrUserAttributeValues}), true,
		func(u *User) string { return u.ID })
}

// ReadGroup answers what GetGroup does, from groupspaged when shared reads
// make it cheaper.
func (c *Client) ReadGroup(ctx context.Context, id string) (*Group, error) {
	return sharedRead(c, ctx, "group", id, c.GetGroup,
		pagedSource[Group](c, "/api/web/v1/groupspaged", nil), false,
		func(g *Group) string { return g.ID })
}

// ReadUserAttribute answers what GetUserAttribute does, from the list of
// user attributes (one request) when shared reads make it cheaper.
func (c *Client) ReadUserAttribute(ctx context.Context, id string) (*UserAttribute, error) {
	return sharedRead(c, ctx, "user attribute", id, c.GetUserAttribute, wholeSource(c.ListUserAttributes), false,
		func(a *UserAttribute) string { return a.ID })
}

// ReadSAMLApplication answers what GetSAMLApplication does, from the list
// of SAML applications (one request) when shared reads make it cheaper.
func (c *Client) ReadSAMLApplication(ctx context.Context, id string) (*SAMLApplication, error) {
	return sharedRead(c, ctx, "SAML application", id, c.GetSAMLApplication, wholeSource(c.ListSAMLApplications), false,
		func(a *SAMLApplication) string { return a.ID })
}

// ReadSigningCertificate answers what GetSigningCertificate does, from the
// list of signing certificates (one request) when shared reads make it
// cheaper.
func (c *Client) ReadSigningCertificate(ctx context.Context, id string) (*SigningCertificate, error) {
	return sharedRead(c, ctx, "signing certificate", id, c.GetSigningCertificate, wholeSource(c.ListSigningCertificates), false,
		func(x *SigningCertificate) string { return x.ID })
}

// ReadProvisioner answers what GetProvisioner does, from the list of
// provisioners (one request) when shared reads make it cheaper.
func (c *Client) ReadProvisioner(ctx context.Context, id string) (*Provisioner, error) {
	return sharedRead(c, ctx, "provisioner", id, c.GetProvisioner, wholeSource(c.ListProvisioners), false,
		func(p *Provisioner) string { return p.ID })
}
