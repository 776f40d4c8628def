package emulator

import (
	"encoding/base64"
	"encoding/json"
)

type pageCursor struct {
	Offset int `json:"o"`
	Search []struct {
		Name     string `json:"name"`
		Operator string `json:"operator"`
		Value    string `json:"value"`
	} `json:"s,omitempty"`
	Attributes []string `json:"a,omitempty"`
}

func (e *Emulator) encodeCursor(c pageCursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (e *Emulator) decodeCursor(s string) (pageCursor, bool) {
	var c pageCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.Offset < 0 {
		return c, false
	}
	return c, true
}
