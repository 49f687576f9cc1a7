package linear

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sort"
)

// Encoder writes a model file: a magic line, then little-endian values,
// gzip-compressed at the best level, so that equal models give equal
// bytes. The first error sticks and Close returns it.
type Encoder struct {
	cw  *CountWriter
	zw  *gzip.Writer
	bw  *bufio.Writer
	err error
}

// NewEncoder starts a model file on w with its magic line.
func NewEncoder(w io.Writer, magic string) *Encoder {
	e := &Encoder{cw: &CountWriter{W: w}}
	e.zw, e.err = gzip.NewWriterLevel(e.cw, gzip.BestCompression)
	if e.err == nil {
		e.bw = bufio.NewWriter(e.zw)
		_, e.err = e.bw.WriteString(magic)
	}
	return e
}

// Put writes a fixed-size value or a slice of them.
func (e *Encoder) Put(v any) {
	if e.err == nil {
		e.err = binary.Write(e.bw, binary.LittleEndian, v)
	}
}

// PutString writes a string after its length (uint32).
func (e *Encoder) PutString(s string) {
	e.Put(uint32(len(s)))
	if e.err == nil {
		_, e.err = e.bw.WriteString(s)
	}
}

// Close ends the file and returns the bytes written.
func (e *Encoder) Close() (int64, error) {
	if e.err != nil {
		return e.cw.N, e.err
	}
	if err := e.bw.Flush(); err != nil {
		return e.cw.N, err
	}
	if err := e.zw.Close(); err != nil {
		return e.cw.N, err
	}
	return e.cw.N, nil
}

// Decoder reads a model file written by an Encoder. The first error
// sticks; Err and Close report it.
type Decoder struct {
	h   hash.Hash
	zr  *gzip.Reader
	br  *bufio.Reader
	err error
}

// NewDecoder opens a model file and checks its magic line; what names
// the kind of model in the error.
func NewDecoder(r io.Reader, magic, what string) (*Decoder, error) {
	d := &Decoder{h: sha256.New()}
	zr, err := gzip.NewReader(io.TeeReader(r, d.h))
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	d.zr, d.br = zr, bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(d.br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("read model: not a newskg %s", what)
	}
	return d, nil
}

// Get reads a fixed-size value or fills a slice of them.
func (d *Decoder) Get(v any) {
	if d.err == nil {
		d.err = binary.Read(d.br, binary.LittleEndian, v)
	}
}

// GetString reads a string written by PutString, of at most max bytes.
func (d *Decoder) GetString(max int) string {
	var n uint32
	d.Get(&n)
	if d.err != nil {
		return ""
	}
	if int(n) > max {
		d.err = fmt.Errorf("a string of %d bytes, more than %d", n, max)
		return ""
	}
	b := make([]byte, n)
	_, d.err = io.ReadFull(d.br, b)
	return string(b)
}

// Err is the first error met.
func (d *Decoder) Err() error { return d.err }

// Close checks the rest of the file (the gzip trailer) and returns the
// file's fingerprint: a hash of its bytes.
func (d *Decoder) Close() (string, error) {
	if d.err != nil {
		return "", fmt.Errorf("read model: %w", d.err)
	}
	if _, err := io.Copy(io.Discard, d.zr); err != nil {
		return "", fmt.Errorf("read model: %w", err)
	}
	return hex.EncodeToString(d.h.Sum(nil)[:8]), nil
}

// errBadCount is returned for an implausible number of entries.
var errBadCount = errors.New("read model: bad count")

// Count reads a uint32 count and checks it is at most max.
func (d *Decoder) Count(max int) int {
	var n uint32
	d.Get(&n)
	if d.err == nil && int(n) > max {
		d.err = errBadCount
	}
	return int(n)
}

// SortedKeys returns the table's features in increasing order.
func (t *Table) SortedKeys() []Feature {
	keys := make([]Feature, 0, t.entries)
	t.Each(func(f Feature, _ int32) { keys = append(keys, f) })
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
