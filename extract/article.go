package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is one news article: its text and what a feed carries beside it.
type Article struct {
	// ID names the article within a corpus: the file name without its
	// extension, or the "id" field of a JSON Lines record. It must be unique
	// in one store; the article's IRI is derived from it.
	ID string
	// Text is the body of the article, front matter removed. All offsets
	// newskg reports are offsets into Text.
	Text string
	// Date is the publication date; the zero Time when unknown. Relative
	// dates in the text ("Tuesday", "last year") are resolved against it and
	// stay unresolved without it.
	Date   time.Time
	Title  string
	URL    string
	Source string // publisher or agency
}

// HasDate reports whether the publication date is known.
func (a *Article) HasDate() bool { return !a.Date.IsZero() }

// InputError describes bad input: which file, which line, what is wrong.
type InputError struct {
	Path string // file name as given
	Line int    // 1-based line, 0 when not tied to a line
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// ErrEmpty is the error for an article without text.
var ErrEmpty = errors.New("article has no text")

// ParseDate parses a publication date: an ISO 8601 date ("2019-12-11"), an
// RFC 3339 timestamp ("2019-12-11T08:00:00Z") or a feed's RFC 1123 date
// ("Wed, 11 Dec 2019 10:00:00 GMT"). Only the calendar date, as written, is
// kept.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
		time.RFC1123, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q: want YYYY-MM-DD (or an RFC 3339 or RFC 1123 date)", s)
}

// ParseText reads an article from plain text with optional front matter
// (a block between "---" lines at the very start, of "key: value" lines with
// the keys date, source, url, title; other keys are ignored). The ID is the
// file name's stem. Errors are *InputError values naming path and line.
func ParseText(path string, data []byte) (Article, error) {
	a := Article{ID: stem(path)}
	if err := checkText(data); err != nil {
		return a, &InputError{Path: path, Line: lineOf(data, err.offset), Err: err}
	}
	text := string(data)
	text = strings.TrimPrefix(text, "\ufeff")
	if body, ok := strings.CutPrefix(text, "---\n"); ok || strings.HasPrefix(text, "---\r\n") {
		if !ok {
			body = text[len("---\r\n"):]
		}
		line := 1
		keys := map[string]int{} // key → line
		for {
			nl := strings.IndexByte(body, '\n')
			if nl < 0 {
				return a, &InputError{Path: path, Line: 1, Err: errors.New("front matter opened with --- is never closed")}
			}
			l := strings.TrimRight(body[:nl], "\r")
			body = body[nl+1:]
			line++
			if l == "---" {
				break
			}
			if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
				continue
			}
			key, val, found := strings.Cut(l, ":")
			if !found {
				return a, &InputError{Path: path, Line: line, Err: fmt.Errorf("front matter line %q is not \"key: value\"", l)}
			}
			val = stripComment(strings.TrimSpace(val))
			k := strings.ToLower(strings.TrimSpace(key))
			if first, dup := keys[k]; dup {
				return a, &InputError{Path: path, Line: line, Err: fmt.Errorf("front matter key %q given twice (first on line %d)", k, first)}
			}
			keys[k] = line
			switch k {
			case "date":
				d, err := ParseDate(val)
				if err != nil {
					return a, &InputError{Path: path, Line: line, Err: err}
				}
				a.Date = d
			case "source":
				a.Source = val
			case "url":
				a.URL = val
			case "title":
				a.Title = val
			}
		}
		text = body
	}
	a.Text = text
	if strings.TrimSpace(a.Text) == "" {
		return a, &InputError{Path: path, Err: ErrEmpty}
	}
	return a, nil
}

// stripComment removes a trailing " # comment" from a front matter value.
func stripComment(v string) string {
	// a comment is white space, '#' and white space or the end: "#MeToo"
	// in a title and "page#part" in a url stay
	for i := 0; i+1 < len(v); i++ {
		if (v[i] == ' ' || v[i] == '\t') && v[i+1] == '#' && (i+2 == len(v) || v[i+2] == ' ' || v[i+2] == '\t') {
			return strings.TrimSpace(v[:i])
		}
	}
	return v
}

// jsonArticle is one JSON Lines record.
type jsonArticle struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Text   string `json:"text"`
}

// MaxLineBytes bounds one JSON Lines record.
const MaxLineBytes = 64 << 20

// ReadJSONL reads JSON Lines, one article per line with the fields id, url,
// date, title, source and text, and calls fn for each in order. A line
// without an id gets "NAME-LINE" (the file's stem and the line number). It
// stops at the first bad line or the first error fn returns; errors about
// the input are *InputError values naming path and line.
func ReadJSONL(path string, r io.Reader, fn func(Article) error) error {
	w := &Walker{}
	return w.readJSONL(context.Background(), path, r, func(a Article, err error) error {
		if err != nil {
			return err
		}
		return fn(a)
	})
}

// readJSONL passes each line's article, or the error that spoils it, to
// fn, and goes on after bad lines while fn returns nil.
func (w *Walker) readJSONL(ctx context.Context, path string, r io.Reader, fn func(Article, error) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		bad := func(err error) error { return fn(Article{}, &InputError{Path: path, Line: line, Err: err}) }
		if err := checkText(b); err != nil {
			if err := bad(err); err != nil {
				return err
			}
			continue
		}
		var ja jsonArticle
		dec := json.NewDecoder(bytes.NewReader(b))
		var lineErr error
		if err := dec.Decode(&ja); err != nil {
			lineErr = fmt.Errorf("bad JSON: %w", err)
		} else if dec.More() {
			lineErr = errors.New("more than one JSON value on the line")
		}
		a := Article{ID: strings.TrimSpace(ja.ID), Text: ja.Text, Title: ja.Title, URL: ja.URL, Source: ja.Source}
		if a.ID == "" {
			a.ID = fmt.Sprintf("%s-%d", stem(path), line)
		}
		if lineErr == nil && ja.Date != "" {
			d, err := ParseDate(ja.Date)
			lineErr = err
			a.Date = d
		}
		if lineErr == nil && strings.TrimSpace(a.Text) == "" {
			lineErr = ErrEmpty
		}
		if lineErr == nil && strings.ContainsRune(a.Text, 0) {
			lineErr = errors.New("text holds a NUL character")
		}
		if lineErr != nil {
			if err := bad(lineErr); err != nil {
				return err
			}
			continue
		}
		if err := w.emit(path, line, a, fn); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fn(Article{}, &InputError{Path: path, Line: line + 1, Err: fmt.Errorf("line longer than %d bytes; the rest of the file is skipped", MaxLineBytes)})
		}
		return fn(Article{}, &InputError{Path: path, Line: line, Err: err})
	}
	return nil
}

// textError is a problem found at a byte offset of the input.
type textError struct {
	offset int
	msg    string
}

func (e *textError) Error() string { return e.msg }

// checkText rejects input that is not text: invalid UTF-8 or NUL bytes
// (binary files).
func checkText(b []byte) *textError {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return &textError{i, fmt.Sprintf("binary data (NUL byte at offset %d), not a text article", i)}
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return &textError{i, fmt.Sprintf("invalid UTF-8 at byte offset %d", i)}
		}
		i += n
	}
	return nil
}

// lineOf returns the 1-based line number of a byte offset.
func lineOf(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	return bytes.Count(b[:off], []byte{'\n'}) + 1
}

// stem returns the file name without directory and extensions (".txt",
// ".jsonl", ".gz").
func stem(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".gz", ".txt", ".jsonl", ".json", ".text"} {
		base = strings.TrimSuffix(base, ext)
	}
	return base
}

// Walker reads articles from files, folders and standard input, one at a
// time, so that memory does not grow with the corpus.
//
// Inputs: a ".txt" file is one article (see ParseText), a ".jsonl" file
// holds one per line (see ReadJSONL); either may be gzipped (".txt.gz",
// ".jsonl.gz"); a folder is walked recursively for such files in name
// order; "-" is JSON Lines on standard input.
type Walker struct {
	// Stdin is read for the input "-".
	Stdin io.Reader
	// OnRead, when set, is called with the number of input bytes consumed
	// since the last call, for progress reports.
	OnRead func(n int64)

	// MaxArticleBytes, when positive, refuses an article whose text is
	// longer (extraction's cost grows with it; a feed's stray dump of a
	// whole site should not hold a build up).
	MaxArticleBytes int

	seen map[string]seenArticle // article id → where it was first read
}

// DefaultMaxArticleBytes is the article size the command line refuses
// above unless told otherwise: some 400 times a long news article.
const DefaultMaxArticleBytes = 4 << 20

type seenArticle struct {
	where string
	sum   [sha256.Size]byte // of everything the article holds
}

func articleSum(a Article) [sha256.Size]byte {
	h := sha256.New()
	for _, f := range []string{a.URL, a.Date.Format(time.RFC3339), a.Title, a.Source, a.Text} {
		fmt.Fprintf(h, "%d:%s", len(f), f)
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// MaxIDBytes bounds an article's id, which every IRI minted for it holds.
const MaxIDBytes = 1024

// emit passes a read article to fn, or an *InputError when its id is too
// long or was read before in this walk with other content (naming where):
// two articles with one id would otherwise replace each other silently.
// The same article read again (the same file given twice) is passed over.
func (w *Walker) emit(path string, line int, a Article, fn func(Article, error) error) error {
	if len(a.ID) > MaxIDBytes {
		return fn(Article{}, &InputError{Path: path, Line: line, Err: fmt.Errorf("article id of %d bytes, more than %d", len(a.ID), MaxIDBytes)})
	}
	if w.MaxArticleBytes > 0 && len(a.Text) > w.MaxArticleBytes {
		return fn(Article{}, &InputError{Path: path, Line: line, Err: fmt.Errorf("article %q of %d bytes, more than the %d allowed (--max-article-size)", a.ID, len(a.Text), w.MaxArticleBytes)})
	}
	where := path
	if line > 0 {
		where = fmt.Sprintf("%s:%d", path, line)
	}
	sum := articleSum(a)
	if first, dup := w.seen[a.ID]; dup {
		if first.sum == sum {
			return nil
		}
		return fn(Article{}, &InputError{Path: path, Line: line, Err: fmt.Errorf("article id %q was read before, with other content, at %s", a.ID, first.where)})
	}
	if w.seen == nil {
		w.seen = map[string]seenArticle{}
	}
	w.seen[a.ID] = seenArticle{where, sum}
	return fn(a, nil)
}

// Walk calls fn for each article in order. An article that cannot be read
// (not UTF-8, empty, a bad JSON line, an unreadable file) is passed to fn
// as an error (an *InputError naming file and line, or a wrapped I/O error)
// instead of stopping the walk; fn decides whether to go on by returning
// nil. Walk stops at the first error fn returns, or when ctx is done.
func (w *Walker) Walk(ctx context.Context, paths []string, fn func(Article, error) error) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			if w.Stdin == nil {
				return fn(Article{}, &InputError{Path: "-", Err: errors.New("no standard input")})
			}
			if err := w.readJSONL(ctx, "stdin", w.count(w.Stdin), fn); err != nil {
				return err
			}
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			if err := fn(Article{}, err); err != nil {
				return err
			}
			continue
		}
		if !fi.IsDir() {
			if err := w.readFile(ctx, p, fn); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fn(Article{}, err)
			}
			if d.IsDir() || !IsArticleFile(path) {
				return nil
			}
			return w.readFile(ctx, path, fn)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// InputSize returns the number of bytes Walk will read from files (not
// from standard input), for progress estimates.
func InputSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || p == "-" {
			continue
		}
		if !fi.IsDir() {
			n += fi.Size()
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && IsArticleFile(path) {
				if info, err := d.Info(); err == nil {
					n += info.Size()
				}
			}
			return nil
		})
	}
	return n
}

// ReadPaths reads the articles in the given files and folders (see
// Walker) and stops at the first that cannot be read.
func ReadPaths(paths []string, fn func(Article) error) error {
	w := &Walker{}
	return w.Walk(context.Background(), paths, func(a Article, err error) error {
		if err != nil {
			return err
		}
		return fn(a)
	})
}

// IsArticleFile reports whether a file name is one Walk reads.
func IsArticleFile(path string) bool {
	p := strings.TrimSuffix(strings.ToLower(path), ".gz")
	return strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".jsonl")
}

// countingReader reports the bytes read through it.
type countingReader struct {
	r  io.Reader
	fn func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.fn(int64(n))
	}
	return n, err
}

func (w *Walker) count(r io.Reader) io.Reader {
	if w.OnRead == nil {
		return r
	}
	return &countingReader{r: r, fn: w.OnRead}
}

func (w *Walker) readFile(ctx context.Context, path string, fn func(Article, error) error) error {
	if !IsArticleFile(path) {
		return fn(Article{}, &InputError{Path: path, Err: errors.New("not an article file: want .txt (one article) or .jsonl (one article a line), optionally .gz")})
	}
	f, err := os.Open(path)
	if err != nil {
		return fn(Article{}, err)
	}
	defer f.Close()
	var r io.Reader = w.count(f)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return fn(Article{}, &InputError{Path: path, Err: fmt.Errorf("not gzip data: %w", err)})
		}
		defer gz.Close()
		r = gz
	}
	if strings.HasSuffix(strings.TrimSuffix(strings.ToLower(path), ".gz"), ".jsonl") {
		return w.readJSONL(ctx, path, r, fn)
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxLineBytes+1))
	if err != nil {
		return fn(Article{}, &InputError{Path: path, Err: err})
	}
	if len(data) > MaxLineBytes {
		return fn(Article{}, &InputError{Path: path, Err: fmt.Errorf("article larger than %d bytes", MaxLineBytes)})
	}
	a, err := ParseText(strings.TrimSuffix(path, ".gz"), data)
	if err != nil {
		return fn(Article{}, err)
	}
	return w.emit(path, 0, a, fn)
}
