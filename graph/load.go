package graph

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/knakk/rdf"

	"github.com/newskg/newskg/ontology"
)

// FormatOf guesses the RDF format of a file from its extension (.ttl,
// .nt, .nq, optionally followed by .gz).
func FormatOf(path string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(path, ".gz")))
	switch ext {
	case ".ttl", ".turtle":
		return Turtle, nil
	case ".nt", ".ntriples":
		return NTriples, nil
	case ".nq", ".nquads":
		return NQuads, nil
	}
	return "", fmt.Errorf("%s: unknown RDF file type %q: want .ttl, .nt or .nq", path, ext)
}

// LoadResult tells what a load did.
type LoadResult struct {
	Quads  int      // quads read
	Graphs []string // named graphs replaced ("" for the default graph)
}

// LoadFile reads a Turtle, N-Triples or N-Quads file and writes it into the
// store in one transaction: a file with a syntax error loads nothing. See
// Load for where the statements go.
func (s *Store) LoadFile(ctx context.Context, path string, graphIRI string) (LoadResult, error) {
	f, err := FormatOf(path)
	if err != nil {
		return LoadResult{}, err
	}
	fh, err := os.Open(path)
	if err != nil {
		return LoadResult{}, err
	}
	defer fh.Close()
	var r io.Reader = fh
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(fh)
		if err != nil {
			return LoadResult{}, fmt.Errorf("%s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	abs, _ := filepath.Abs(path)
	res, err := s.Load(ctx, r, f, path, abs, graphIRI)
	if err != nil {
		return res, err
	}
	return res, nil
}

// Load reads RDF in format f from r and writes it in one transaction; name
// is used in error messages, docKey (any string unique to the document)
// to keep its blank nodes apart from other documents'.
//
// Where statements go: N-Quads keep their graphs. Turtle and N-Triples go
// into graphIRI when it is given; otherwise, when the document describes
// exactly one newskg article (as `newskg extract` writes them), into that
// article's graph; otherwise into the default graph. Each named graph that
// receives statements is replaced, so loading a file twice, or an updated
// file, leaves the store as after one load of the newest file.
func (s *Store) Load(ctx context.Context, r io.Reader, f Format, name, docKey, graphIRI string) (LoadResult, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return LoadResult{}, fmt.Errorf("%s: %w", name, err)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return LoadResult{}, fmt.Errorf("%s: binary data, not %s", name, f)
	}
	sum := sha256.Sum256([]byte(docKey))
	bprefix := "b" + hex.EncodeToString(sum[:6]) + "_"
	bnodes := func(id string) string { return bprefix + id }

	byGraph := map[string][]quad.Quad{}
	if f == NQuads {
		qs, err := decodeQuads(data, name)
		if err != nil {
			return LoadResult{}, err
		}
		for _, q := range qs {
			g := ""
			if iri, ok := q.Ctx.(rdf.IRI); ok {
				g = iri.String()
			} else if b, ok := q.Ctx.(rdf.Blank); ok && b.String() != "_:defaultGraph" {
				return LoadResult{}, fmt.Errorf("%s: blank node graph names are not supported", name)
			}
			cq, err := toQuad(q.Triple, g, bnodes)
			if err != nil {
				return LoadResult{}, fmt.Errorf("%s: %w", name, err)
			}
			byGraph[g] = append(byGraph[g], cq)
		}
	} else {
		kf := rdf.Turtle
		if f == NTriples {
			kf = rdf.NTriples
		}
		ts, err := decodeTriples(data, kf, name)
		if err != nil {
			return LoadResult{}, err
		}
		g := graphIRI
		if g == "" {
			g = soleArticle(ts)
		}
		for _, t := range ts {
			cq, err := toQuad(t, g, bnodes)
			if err != nil {
				return LoadResult{}, fmt.Errorf("%s: %w", name, err)
			}
			byGraph[g] = append(byGraph[g], cq)
		}
	}
	res := LoadResult{}
	b := s.NewBatch()
	for g, qs := range byGraph {
		if err := b.Replace(ctx, g, qs); err != nil {
			return LoadResult{}, fmt.Errorf("%s: %w", name, err)
		}
		res.Quads += len(qs)
		res.Graphs = append(res.Graphs, g)
	}
	sort.Strings(res.Graphs)
	if err := b.Commit(ctx); err != nil {
		return LoadResult{}, fmt.Errorf("%s: %w", name, err)
	}
	return res, nil
}

// soleArticle returns the IRI of the one newskg article a document
// describes, or "".
func soleArticle(ts []rdf.Triple) string {
	found := ""
	for _, t := range ts {
		if t.Pred.String() == ontology.Type && t.Obj.String() == ontology.Article {
			if found != "" && found != t.Subj.String() {
				return ""
			}
			if _, ok := t.Subj.(rdf.IRI); ok {
				found = t.Subj.String()
			}
		}
	}
	return found
}

// knakkPos matches the "line:col" knakk/rdf puts at the start of its
// errors.
var knakkPos = regexp.MustCompile(`^(\d+):(\d+):? ?`)

// syntaxError names the file, line and column of a decoder error.
func syntaxError(name string, err error) error {
	msg := err.Error()
	if m := knakkPos.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s:%s: %s", name, m[1], m[2], strings.TrimSpace(msg[len(m[0]):]))
	}
	return fmt.Errorf("%s: %s", name, msg)
}

func decodeTriples(data []byte, f rdf.Format, name string) (ts []rdf.Triple, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: cannot parse: %v", name, p)
		}
	}()
	dec := rdf.NewTripleDecoder(bytes.NewReader(data), f)
	for {
		t, err := dec.Decode()
		if err == io.EOF {
			return ts, nil
		}
		if err != nil {
			return nil, syntaxError(name, err)
		}
		ts = append(ts, t)
	}
}

func decodeQuads(data []byte, name string) (qs []rdf.Quad, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: cannot parse: %v", name, p)
		}
	}()
	dec := rdf.NewQuadDecoder(bytes.NewReader(data), rdf.NQuads)
	for {
		q, err := dec.Decode()
		if err == io.EOF {
			return qs, nil
		}
		if err != nil {
			return nil, syntaxError(name, err)
		}
		qs = append(qs, q)
	}
}
