package scimmock

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/google/uuid"
)

// AWS's detail texts.
const (
	DetailBadRequest     = "Request is unparsable, syntactically incorrect, or violates schema."
	DetailConflict       = "Refused to create a new, duplicate resource."
	DetailReplaceMembers = "Replacing group memberships is not supported."
	DetailUnauthorized   = "The bearer token is missing, invalid or expired."
	DetailThrottled      = "Too many requests."
	DetailInternal       = "The server encountered an internal error."
)

const errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

// apiError is a failure a handler reports; scimType is sent only in plain
// mode.
type apiError struct {
	status   int
	detail   string
	scimType string
}

func badRequest(scimType string) *apiError {
	return &apiError{status: http.StatusBadRequest, detail: DetailBadRequest, scimType: scimType}
}

func conflict() *apiError {
	return &apiError{status: http.StatusConflict, detail: DetailConflict, scimType: "uniqueness"}
}

func notFound(id string) *apiError {
	return &apiError{status: http.StatusNotFound, detail: fmt.Sprintf("Resource %s not found.", id)}
}

func defaultDetail(status int) string {
	switch status {
	case http.StatusBadRequest:
		return DetailBadRequest
	case http.StatusUnauthorized:
		return DetailUnauthorized
	case http.StatusConflict:
		return DetailConflict
	case http.StatusTooManyRequests:
		return DetailThrottled
	case http.StatusInternalServerError:
		return DetailInternal
	}
	return http.StatusText(status)
}

func (s *Server) writeError(w http.ResponseWriter, status int, detail string) {
	s.writeAPIError(w, &apiError{status: status, detail: detail})
}

func (s *Server) writeAPIError(w http.ResponseWriter, e *apiError) {
	if e.detail == "" {
		e.detail = defaultDetail(e.status)
	}
	body := map[string]any{
		"schemas": []string{errorSchema},
		"detail":  e.detail,
		"status":  fmt.Sprint(e.status),
	}
	if s.opts.AWSMode {
		body["exceptionRequestId"] = uuid.NewString()
		body["timeStamp"] = s.now().UTC().Format("2006-01-02 15:04:05.000")
	} else if e.scimType != "" {
		body["scimType"] = e.scimType
	}
	writeJSON(w, e.status, body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if body != nil {
		_ = json.NewEncoder(w).Encode(body)
	}
}
