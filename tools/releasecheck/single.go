package main

import (
	"fmt"
	"os"
	"runtime"

	"gopkg.in/yaml.v3"
)

// singleTarget writes to out the goreleaser configuration in, with every
// build narrowed to this machine's platform: `goreleaser release` has no
// --single-target of its own, and a snapshot of every platform takes long
// on a small machine. Archives, checksum and manifest stay as configured.
func singleTarget(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fmt.Errorf("%s is not a YAML mapping", in)
	}
	builds := value(doc.Content[0], "builds")
	if builds == nil || builds.Kind != yaml.SequenceNode {
		return fmt.Errorf("%s has no builds list", in)
	}
	for _, b := range builds.Content {
		for i := 0; i+1 < len(b.Content); i += 2 {
			switch b.Content[i].Value {
			case "goos":
				b.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: runtime.GOOS}}}
			case "goarch":
				b.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: runtime.GOARCH, Style: yaml.DoubleQuotedStyle}}}
			case "ignore":
				b.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode}
			}
		}
	}
	data, err := yaml.Marshal(&doc)
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o600)
}

// value is the value of key in mapping m, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
