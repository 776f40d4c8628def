// Command releasecheck checks what `goreleaser release --snapshot` left in
// dist/ (make release-check): for every platform built, the provider's
// archive as the Terraform Registry expects it
// (terraform-provider-idaas_<version>_<os>_<arch>.zip holding the binary
// terraform-provider-idaas_v<version>, and no emulator), the emulator's own
// archive beside it (idaas-emulator_<version>_<os>_<arch>.tar.gz, .zip on
// Windows, holding idaas-emulator), both listed with their SHA-256 in
// terraform-provider-idaas_<version>_SHA256SUMS, with the registry manifest.
//
// `releasecheck -single-target IN OUT` writes goreleaser configuration IN
// narrowed to this machine's platform to OUT (make release-check builds the
// snapshot with it).
package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	if len(os.Args) == 4 && os.Args[1] == "-single-target" {
		if err := singleTarget(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "releasecheck:", err)
			os.Exit(1)
		}
		return
	}
	dist := "dist"
	if len(os.Args) > 1 {
		dist = os.Args[1]
	}
	n, err := check(dist)
	if err != nil {
		fmt.Fprintln(os.Stderr, "release check FAILED:", err)
		os.Exit(1)
	}
	fmt.Printf("release check: %d platform(s), each with the provider's registry zip and the idaas-emulator archive, in the SHA256SUMS with the manifest\n", n)
}

var providerZip = regexp.MustCompile(`^terraform-provider-idaas_(.+)_([a-z0-9]+)_([a-z0-9]+)\.zip$`)

func check(dist string) (int, error) {
	entries, err := os.ReadDir(dist)
	if err != nil {
		return 0, err
	}
	version, platforms := "", 0
	for _, e := range entries {
		m := providerZip.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		if version != "" && m[1] != version {
			return 0, fmt.Errorf("archives of two versions: %s and %s", version, m[1])
		}
		version = m[1]
		platforms++
		exe := ""
		if m[2] == "windows" {
			exe = ".exe"
		}
		names, err := zipNames(filepath.Join(dist, e.Name()))
		if err != nil {
			return 0, err
		}
		want := "terraform-provider-idaas_v" + version + exe
		if !contains(names, want) {
			return 0, fmt.Errorf("%s holds %v, not %s", e.Name(), names, want)
		}
		for _, n := range names {
			if strings.HasPrefix(n, "idaas-emulator") || (strings.HasPrefix(n, "terraform-provider-idaas") && n != want) {
				return 0, fmt.Errorf("%s holds %s beside the provider binary", e.Name(), n)
			}
		}
		base := "idaas-emulator_" + version + "_" + m[2] + "_" + m[3]
		var emu []string
		if m[2] == "windows" {
			emu, err = zipNames(filepath.Join(dist, base+".zip"))
		} else {
			emu, err = tarGzNames(filepath.Join(dist, base+".tar.gz"))
		}
		if err != nil {
			return 0, fmt.Errorf("the emulator archive beside %s: %w", e.Name(), err)
		}
		if !contains(emu, "idaas-emulator"+exe) {
			return 0, fmt.Errorf("%s holds %v, not idaas-emulator%s", base, emu, exe)
		}
	}
	if platforms == 0 {
		return 0, fmt.Errorf("no terraform-provider-idaas_<version>_<os>_<arch>.zip in %s", dist)
	}
	sums, err := readSums(filepath.Join(dist, "terraform-provider-idaas_"+version+"_SHA256SUMS"))
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		if !providerZip.MatchString(e.Name()) && !strings.HasPrefix(e.Name(), "idaas-emulator_") {
			continue
		}
		if e.IsDir() {
			continue
		}
		got, err := fileSHA256(filepath.Join(dist, e.Name()))
		if err != nil {
			return 0, err
		}
		if sums[e.Name()] != got {
			return 0, fmt.Errorf("the SHA256SUMS has %q for %s, the file's is %s", sums[e.Name()], e.Name(), got)
		}
	}
	// The manifest is published as a release file (not in a snapshot's
	// dist/), and the SHA256SUMS vouches for it.
	manifest := "terraform-provider-idaas_" + version + "_manifest.json"
	want, err := fileSHA256("terraform-registry-manifest.json")
	if err != nil {
		return 0, err
	}
	if sums[manifest] != want {
		return 0, fmt.Errorf("the SHA256SUMS has %q for %s, terraform-registry-manifest.json's is %s", sums[manifest], manifest, want)
	}
	return platforms, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func zipNames(path string) ([]string, error) {
	r, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []string
	for _, f := range r.File {
		out = append(out, f.Name)
	}
	return out, nil
}

func tarGzNames(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(gz)
	var out []string
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, h.Name)
	}
}

func readSums(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 2 {
			out[fields[1]] = fields[0]
		}
	}
	return out, sc.Err()
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
