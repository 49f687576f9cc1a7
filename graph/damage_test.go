package graph

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestDamagedStoreIsRefused: a store file cut short or overwritten at its
// start is refused at open with ErrDamaged naming the file, and is left
// as it was; a whole store, and one whose first meta page alone is torn
// (bolt falls back on the second), open.
func TestDamagedStoreIsRefused(t *testing.T) {
	s, dir := openTemp(t)
	for _, d := range devDocs(t)[:2] {
		if _, err := s.AddDocument(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	whole, err := os.ReadFile(boltFile(dir))
	if err != nil {
		t.Fatal(err)
	}
	damage := map[string]func([]byte) []byte{
		"cut short":    func(b []byte) []byte { return b[:len(b)/3] },
		"zeroed start": func(b []byte) []byte { c := bytes.Clone(b); clear(c[:3*4096]); return c },
		"not a store":  func(b []byte) []byte { return bytes.Repeat([]byte("newskg "), len(b)/7) },
	}
	for name, f := range damage {
		d := filepath.Join(t.TempDir(), "kg.db")
		os.MkdirAll(d, 0o755)
		bad := f(whole)
		os.WriteFile(boltFile(d), bad, 0o644)
		s, err := Open(d, nil)
		if err == nil {
			s.Close()
			t.Errorf("%s: opened", name)
			continue
		}
		if !errors.Is(err, ErrDamaged) || !bytes.Contains([]byte(err.Error()), []byte(boltFile(d))) {
			t.Errorf("%s: error %v, want ErrDamaged naming the file", name, err)
		}
		if after, _ := os.ReadFile(boltFile(d)); !bytes.Equal(after, bad) {
			t.Errorf("%s: the damaged file was written to", name)
		}
	}
	torn := bytes.Clone(whole)
	torn[boltPageHeader+20] ^= 0xff // inside the first meta record
	d := filepath.Join(t.TempDir(), "kg.db")
	os.MkdirAll(d, 0o755)
	os.WriteFile(boltFile(d), torn, 0o644)
	s2, err := Open(d, nil)
	if err != nil {
		t.Fatalf("torn first meta page: %v", err)
	}
	s2.Close()
	s3, err := Open(dir, nil)
	if err != nil {
		t.Fatalf("the whole store: %v", err)
	}
	s3.Close()
}
