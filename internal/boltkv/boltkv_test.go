package boltkv

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/hidal-go/hidalgo/kv/kvtest"
	"github.com/hidal-go/hidalgo/kv/options"
)

// TestConformance runs hidalgo's own key-value test suite (get, put,
// delete, read-only transactions, scans with prefixes, seeks, concurrent
// increments) on the adapter.
func TestConformance(t *testing.T) {
	kvtest.RunTestLocal(t, func(dir string) (hkv.KV, error) {
		db, err := bolt.Open(filepath.Join(dir, "kv.bolt"), 0o644, nil)
		if err != nil {
			return nil, err
		}
		return New(db), nil
	}, nil)
}

// TestSameAsHidalgo writes the same keys of one to three parts through
// this adapter and hidalgo's kv/bolt, and compares what scans under every
// prefix, seeks and gets return.
func TestSameAsHidalgo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mine, err := bolt.Open(filepath.Join(dir, "a.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := hbolt.Open(filepath.Join(dir, "b.bolt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b := New(mine), hkv.KV(theirs)
	defer a.Close()
	defer b.Close()
	rnd := rand.New(rand.NewPCG(1, 2))
	part := func() []byte { return []byte{"abc"[rnd.IntN(3)], "xyz"[rnd.IntN(3)]} }
	var keys []hkv.Key
	for i := 0; i < 300; i++ {
		// Cayley's layout: buckets hold entries or buckets, never a key
		// that is both; keep the first part's depth fixed per letter
		k := hkv.Key{part()}
		for d := 0; d < int(k[0][0]-'a'); d++ {
			k = append(k, part())
		}
		k = append(k, part())
		keys = append(keys, k)
	}
	for _, db := range []hkv.KV{a, b} {
		err := db.Update(ctx, func(tx hkv.Tx) error {
			for i, k := range keys {
				if err := tx.Put(ctx, k, []byte(fmt.Sprint(i))); err != nil {
					return err
				}
			}
			return tx.Del(ctx, keys[7])
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	dump := func(db hkv.KV, op func(tx hkv.Tx) string) string {
		var out string
		db.View(ctx, func(tx hkv.Tx) error { out = op(tx); return nil })
		return out
	}
	scan := func(pref hkv.Key, seek hkv.Key) func(tx hkv.Tx) string {
		return func(tx hkv.Tx) string {
			var sb strings.Builder
			it := tx.Scan(ctx, options.WithPrefixKV(pref))
			defer it.Close()
			ok := it.Next(ctx)
			if seek != nil {
				ok = hkv.Seek(ctx, it, seek)
			}
			for ; ok; ok = it.Next(ctx) {
				fmt.Fprintf(&sb, "%q=%s ", it.Key(), it.Val())
			}
			return sb.String()
		}
	}
	prefixes := []hkv.Key{nil, {[]byte("a")}, {[]byte("b")}, {[]byte("bx")}, {[]byte("bx"), []byte("a")}, {[]byte("cz"), []byte("by")}, {[]byte("cz"), []byte("by"), []byte("c")}, {[]byte("q")}}
	for _, p := range prefixes {
		if x, y := dump(a, scan(p, nil)), dump(b, scan(p, nil)); x != y || (p == nil && x == "") {
			t.Errorf("scan %q:\n mine   %s\n hidalgo %s", p, x, y)
		}
	}
	for _, s := range []hkv.Key{{[]byte("b")}, {[]byte("bz"), []byte("b")}, {[]byte("ay")}, {[]byte("cy"), []byte("bz"), []byte("c")}} {
		if x, y := dump(a, scan(nil, s)), dump(b, scan(nil, s)); x != y {
			t.Errorf("seek %q:\n mine   %s\n hidalgo %s", s, x, y)
		}
	}
	for _, k := range append(keys[:20:20], hkv.Key{[]byte("no")}, hkv.Key{[]byte("ax"), []byte("no")}) {
		get := func(tx hkv.Tx) string { v, err := tx.Get(ctx, k); return fmt.Sprint(string(v), err) }
		if x, y := dump(a, get), dump(b, get); x != y {
			t.Errorf("get %q: mine %s, hidalgo %s", k, x, y)
		}
	}
}
