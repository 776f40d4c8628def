package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// Published v2 authentication flow API, read side:
//
//	GET /api/web/v2/authenticationflows       list -> []AuthenticationFlow
//	GET /api/web/v2/authenticationflows/{id}  read -> AuthenticationFlow

// LoginFlow is the published LoginFlow. LoginFlowType is one of USER_LOGIN,
// SMART_LOGIN, IDP_LOGIN, PASSKEY_LOGIN, USER_CERTIFICATE_LOGIN.
type LoginFlow struct {
	Enabled       bool   `json:"enabled"`
	LoginFlowType string `json:"loginFlowType"`
}

// ResourceRuleNameID is the published ResourceRuleNameId.
type ResourceRuleNameID struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ApplicationResourceRule is the published ApplicationResourceRule: an
// application and the rules of it that use a flow.
type ApplicationResourceRule struct {
	ID            string               `json:"id,omitempty"`
	Name          string               `json:"name,omitempty"`
	ResourceRules []ResourceRuleNameID `json:"resourceRules"`
}

// OTPPreferenceDetails is the published OTPPreferenceDetails, kept raw.
type OTPPreferenceDetails = json.RawMessage

// AuthenticationFlow is the published AuthenticationFlow. Identity provider
// details are kept as raw JSON.
type AuthenticationFlow struct {
	ID                    string                    `json:"id"`
	Name                  string                    `json:"name"`
	ReadOnly              bool                      `json:"readOnly"`
	LoginFlows            []LoginFlow               `json:"loginFlows"`
	Applications          []ApplicationResourceRule `json:"applications,omitempty"`
	IdentityProviders     []json.RawMessage         `json:"identityProviders,omitempty"`
	IdpDefault            bool                      `json:"idpDefault,omitempty"`
	IdpDomainBased        bool                      `json:"idpDomainBased,omitempty"`
	IdpLoginSecondStep    []string                  `json:"idpLoginSecondStep,omitempty"`
	NamedPasswordID       string                    `json:"namedPasswordId,omitempty"`
	OidcIdentityProviders []json.RawMessage         `json:"oidcIdentityProviders,omitempty"`
	OtpDeliveryPreference []OTPPreferenceDetails    `json:"otpDeliveryPreference,omitempty"`
	OverrideOtpContacts   bool                      `json:"overrideOtpContacts,omitempty"`
	// UserLoginFirstStep is NONE, EXTERNAL, PASSWORD, KBA, OTP, TOKEN,
	// TOKENPUSH, SMARTCREDENTIALPUSH, IDP, PASSKEY, SMART_LOGIN,
	// USER_CERTIFICATE, FACE, DENY or MAGICLINK.
	UserLoginFirstStep string `json:"userLoginFirstStep,omitempty"`
	// UserLoginSecondStep holds NONE, KBA, TEMP_ACCESS_CODE, OTP, GRID,
	// TOKEN, TOKENCR, TOKENPUSH, FIDO, USER_CERTIFICATE,
	// SMARTCREDENTIALPUSH, FACE, PASSTHROUGH or MAGICLINK.
	UserLoginSecondStep []string `json:"userLoginSecondStep,omitempty"`
}

const authenticationFlowsPath = "/api/web/v2/authenticationflows"

// ListAuthenticationFlows: GET /api/web/v2/authenticationflows.
func (c *Client) ListAuthenticationFlows(ctx context.Context) ([]AuthenticationFlow, error) {
	var fs []AuthenticationFlow
	return fs, c.do(ctx, http.MethodGet, authenticationFlowsPath, nil, &fs)
}

// FindAuthenticationFlowByName returns the flow named exactly name, or a
// *NotFoundError.
func (c *Client) FindAuthenticationFlowByName(ctx context.Context, name string) (*AuthenticationFlow, error) {
	fs, err := c.ListAuthenticationFlows(ctx)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(fs))
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i], nil
		}
		names = append(names, fs[i].Name)
	}
	sort.Strings(names)
	return nil, &NotFoundError{Message: fmt.Sprintf("The tenant has no authentication flow named %q; its authentication flows are: %s.", name, strings.Join(names, ", "))}
}
