package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// PageSize is the largest page the paged searches answer (the published
// SearchParms limit is 1..100).
const PageSize = 100

// page is the published shape of one page of a paged search (GroupsPage
// and its kin).
type page[T any] struct {
	Paging  Paging `json:"paging"`
	Results []T    `json:"results"`
}

// pages runs a paged search (POST path with p) and yields its pages one at
// a time, following nextCursor, so that a caller holds one page in memory
// however large the result. An error ends the sequence. Later requests
// send only the cursor (and limit), as the published API wants.
func pages[T any](c *Client, ctx context.Context, path string, p SearchParms) iter.Seq2[[]T, error] {
	if p.Limit == 0 {
		p.Limit = PageSize
	}
	return func(yield func([]T, error) bool) {
		for {
			var pg page[T]
			if err := c.do(ctx, http.MethodPost, path, p, &pg); err != nil {
				yield(nil, err)
				return
			}
			if len(pg.Results) > 0 && !yield(pg.Results, nil) {
				return
			}
			if pg.Paging.NextCursor == "" || len(pg.Results) == 0 {
				return
			}
			p = SearchParms{Limit: p.Limit, Cursor: pg.Paging.NextCursor}
		}
	}
}

// GroupPages: POST /api/web/v1/groupspaged (published), page by page.
// Search by name (EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS, STARTS_WITH,
// ENDS_WITH) and type (EQUALS); results ordered by name.
func (c *Client) GroupPages(ctx context.Context, p SearchParms) iter.Seq2[[]Group, error] {
	return pages[Group](c, ctx, "/api/web/v1/groupspaged", p)
}

// User search attributes to include in UserPages results.
const (
	UserAttrGroups              = "groups"
	UserAttrUserAttributeValues = "userAttributeValues"
)

// UserPages: POST /api/web/v1/userspaged (project-defined, in the
// groupspaged style), page by page. Search by userId, firstName, lastName,
// email, externalId and state with the operators of groupspaged; results
// ordered by userId. Results carry the core attributes, plus the user's
// groups and custom attribute values when p.Attributes names
// UserAttrGroups and UserAttrUserAttributeValues.
func (c *Client) UserPages(ctx context.Context, p SearchParms) iter.Seq2[[]User, error] {
	return pages[User](c, ctx, "/api/web/v1/userspaged", p)
}

// ProvisioningOperationPages: POST
// /api/web/v1/provisioners/{id}/operationspaged (project-defined, in the
// groupspaged style), page by page: the provisioner's synchronizations,
// newest first, searchable by status (EQUALS).
func (c *Client) ProvisioningOperationPages(ctx context.Context, provisionerID string, p SearchParms) iter.Seq2[[]ProvisioningOperation, error] {
	return pages[ProvisioningOperation](c, ctx, "/api/web/v1/provisioners/"+url.PathEscape(provisionerID)+"/operationspaged", p)
}

// ListSAMLApplications: GET /api/web/v1/applications/saml (project-defined):
// every SAML application, as GetSAMLApplication answers it.
func (c *Client) ListSAMLApplications(ctx context.Context) ([]SAMLApplication, error) {
	var out []SAMLApplication
	return out, c.do(ctx, http.MethodGet, "/api/web/v1/applications/saml", nil, &out)
}
