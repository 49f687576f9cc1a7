package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/boltdb/bolt"
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
	s2, err := Open(d, &Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("torn first meta page: %v", err)
	}
	if r := s2.Recovered(); !strings.Contains(r, boltFile(d)) || !strings.Contains(r, "torn") {
		t.Errorf("torn first meta page: Recovered() = %q, want a word of the lost transaction", r)
	}
	s2.Close()
	s3, err := Open(dir, nil)
	if err != nil {
		t.Fatalf("the whole store: %v", err)
	}
	if r := s3.Recovered(); r != "" {
		t.Errorf("the whole store: Recovered() = %q", r)
	}
	s3.Close()
}

// TestDamagedPageIsFound: a page inside a store of full length, its kind
// or its element count overwritten, panics bolt in a goroutine no recover
// reaches; Check and a writer's Open find it first, name the file and the
// page, and leave the file as it was. A whole store checks clean.
func TestDamagedPageIsFound(t *testing.T) {
	s, dir := openTemp(t)
	for _, d := range devDocs(t) {
		if _, err := s.AddDocument(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if _, err := Check(dir, time.Second); err != nil {
		t.Fatalf("whole store: %v", err)
	}
	whole, err := os.ReadFile(boltFile(dir))
	if err != nil {
		t.Fatal(err)
	}
	// the pages in use: walk the whole store's tree
	f, _ := os.Open(boltFile(dir))
	meta, _ := newestMeta(f)
	w := &pageWalk{f: f, meta: meta, seen: map[uint64]bool{}, size: int64(len(whole))}
	if err := w.freelist(meta.freelist); err != nil {
		t.Fatal(err)
	}
	if err := w.tree(meta.root, 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var leaf, branch uint64
	for id := range w.seen {
		off := int64(id) * int64(meta.pageSize)
		if binary.LittleEndian.Uint64(whole[off:]) != id {
			continue // an overflow page
		}
		switch binary.LittleEndian.Uint16(whole[off+8:]) {
		case boltLeafPage:
			leaf = max(leaf, id)
		case boltBranchPage:
			branch = max(branch, id)
		}
	}
	if leaf == 0 || branch == 0 {
		t.Fatalf("no leaf or branch page in use (leaf %d, branch %d)", leaf, branch)
	}
	damage := map[string]func([]byte){
		"leaf page kind":     func(b []byte) { binary.LittleEndian.PutUint16(b[int64(leaf)*int64(meta.pageSize)+8:], 0x08) },
		"leaf element count": func(b []byte) { binary.LittleEndian.PutUint16(b[int64(leaf)*int64(meta.pageSize)+10:], 0xfff0) },
		"branch child id":    func(b []byte) { binary.LittleEndian.PutUint64(b[int64(branch)*int64(meta.pageSize)+16+8:], 1<<40) },
		"leaf page id":       func(b []byte) { binary.LittleEndian.PutUint64(b[int64(leaf)*int64(meta.pageSize):], leaf+1) },
		"leaf key past page": func(b []byte) { binary.LittleEndian.PutUint32(b[int64(leaf)*int64(meta.pageSize)+16+8:], 1<<20) },
		"branch page kind":   func(b []byte) { binary.LittleEndian.PutUint16(b[int64(branch)*int64(meta.pageSize)+8:], 0) },
		"freelist page kind": func(b []byte) {
			binary.LittleEndian.PutUint16(b[int64(meta.freelist)*int64(meta.pageSize)+8:], boltLeafPage)
		},
	}
	for name, hurt := range damage {
		d := filepath.Join(t.TempDir(), "kg.db")
		os.MkdirAll(d, 0o755)
		bad := bytes.Clone(whole)
		hurt(bad)
		os.WriteFile(boltFile(d), bad, 0o644)
		_, err := Check(d, time.Second)
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), boltFile(d)) || !strings.Contains(err.Error(), "page") {
			t.Errorf("%s: Check gave %v, want ErrDamaged naming the file and a page", name, err)
		}
		s, err := Open(d, nil)
		if err == nil {
			s.Close()
			t.Errorf("%s: opened for writing", name)
		} else if !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: Open gave %v, want ErrDamaged", name, err)
		}
		if after, _ := os.ReadFile(boltFile(d)); !bytes.Equal(after, bad) {
			t.Errorf("%s: the damaged file was written to", name)
		}
	}
}

// TestDamagedValueFailsQuery: a query that meets a log entry damaged
// inside a whole page (so that the page check passes) fails with
// ErrDamaged naming the store's file, not with the decoder's bare message.
func TestDamagedValueFailsQuery(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddDocument(ctx, devDocs(t)[0]); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(boltFile(dir), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("log"))
		if b == nil {
			return errors.New("no log bucket")
		}
		var keys [][]byte
		b.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil })
		for i, k := range keys {
			if i%3 == 0 {
				if err := b.Put(k, []byte{0xff, 0xfe, 0x01}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Query(ctx, `g.V().Out().All()`, QueryOptions{Timeout: time.Minute})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), boltFile(dir)) {
		t.Errorf("query over damaged values: %v, want ErrDamaged naming %s", err, boltFile(dir))
	}
}
