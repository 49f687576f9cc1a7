package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// ErrDamaged is returned when a store's file is not whole: truncated,
// overwritten or not a store at all. Nothing is written into such a store.
var ErrDamaged = errors.New("store is damaged")

// bolt's file layout, as go.etcd.io/bbolt and boltdb/bolt write it: pages
// 0 and 1 each hold a meta record after a 16-byte page header.
const (
	boltMagic      = 0xED0CDAED
	boltPageHeader = 16
	boltMetaSize   = 64 // magic, version, page size, flags, root (2×8), freelist, pgid, txid, checksum
)

type boltMeta struct {
	pageSize uint32
	root     uint64 // the root bucket's page
	freelist uint64 // the freelist's page
	pgid     uint64 // the high-water mark: pages [0, pgid) are in use
	txid     uint64
}

// readBoltMeta reads the meta record at offset off, or reports why it is
// not one.
func readBoltMeta(f io.ReaderAt, off int64) (boltMeta, error) {
	b := make([]byte, boltPageHeader+boltMetaSize)
	if _, err := f.ReadAt(b, off); err != nil {
		return boltMeta{}, err
	}
	m := b[boltPageHeader:]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != boltMagic {
		return boltMeta{}, errors.New("no bolt meta page")
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != le.Uint64(m[56:]) {
		return boltMeta{}, errors.New("meta page checksum mismatch")
	}
	return boltMeta{pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]),
		pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, nil
}

// inspectBoltFile makes the cheap checks bolt does not make before it maps
// a file and reads its pages, where a short file faults (a fatal error no
// recover catches) and a corrupt one panics: a meta page whose checksum
// holds, and a file long enough for every page the meta says is in use.
// A missing or empty file is a new store. It also reports whether one of
// its two meta pages is torn (a crash while bolt wrote it):
// bolt then opens the state of the other, the transaction before, and the
// one being written when the crash came is lost.
func inspectBoltFile(path string) (torn bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	if fi.Size() == 0 {
		return false, nil
	}
	damaged := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s (restore it from a backup or build the store again)", ErrDamaged, path, fmt.Sprintf(format, args...))
	}
	// bolt writes the two metas in turn and uses the valid one with the
	// higher transaction id: one torn by a crash is not damage
	var metas []boltMeta
	m0, err0 := readBoltMeta(f, 0)
	if err0 == nil {
		metas = append(metas, m0)
	}
	sizes := []int64{int64(os.Getpagesize()), 4096, 16384, 65536}
	if err0 == nil {
		sizes = []int64{int64(m0.pageSize)}
	}
	for _, ps := range sizes {
		if m1, err := readBoltMeta(f, ps); err == nil && int64(m1.pageSize) == ps {
			metas = append(metas, m1)
			break
		}
	}
	if len(metas) == 0 {
		return false, damaged("neither meta page is whole (%v)", err0)
	}
	best := metas[0]
	for _, m := range metas[1:] {
		if m.txid > best.txid {
			best = m
		}
	}
	if best.pageSize < 512 || best.pageSize > 1<<16 {
		return false, damaged("page size %d", best.pageSize)
	}
	if need := int64(best.pgid) * int64(best.pageSize); need > fi.Size() || best.pgid < 2 {
		return false, damaged("%d bytes long, its pages reach %d", fi.Size(), need)
	}
	return len(metas) == 1, nil
}

// unreadable turns a panic of Cayley's value decoding, which a value
// damaged inside a whole page causes in the caller's goroutine, into
// ErrDamaged naming the store. Use it deferred, with a named error.
func (s *Store) unreadable(err *error) {
	if p := recover(); p != nil {
		*err = s.damaged(fmt.Errorf("%v", p))
	}
}

// damaged wraps an error reading back what the store holds as ErrDamaged
// naming the store's file (a context's end stays as it is).
func (s *Store) damaged(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	where := s.path
	if s.pg == nil && s.path != "" {
		where = boltFile(s.path)
	}
	return fmt.Errorf("%w: %s: a stored value cannot be read (%v) (restore it from a backup or build the store again)", ErrDamaged, where, err)
}
