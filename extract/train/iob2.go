package train

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/extract/ner"
)

// SpanDoc is an article of a token-level corpus: its text and its
// mentions by position.
type SpanDoc struct {
	Name    string
	Article extract.Article
	Spans   []extract.GoldSpan
}

var iobTypes = map[string]extract.EntityType{"PER": extract.Person, "ORG": extract.Organisation, "LOC": extract.Place}

// ReadIOB2 reads a corpus in the IOB2 format of Universal NER: "# newdoc"
// and "# text = …" comment lines, then one token a line (index, token,
// tag). Each document becomes an article whose sentences are paragraphs
// of their original text; PER, ORG and LOC mentions are kept, other tags
// (OTH, MISC) read as O.
func ReadIOB2(path string) ([]SpanDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []SpanDoc
	var text strings.Builder
	var spans []extract.GoldSpan
	sentText, sentOff, cursor := "", 0, 0
	open := -1 // start of the mention being read, -1 when none
	var openType extract.EntityType
	lastEnd := 0
	flush := func() {
		if text.Len() > 0 {
			docs = append(docs, SpanDoc{Name: fmt.Sprintf("%s#%d", path, len(docs)+1),
				Article: extract.Article{ID: fmt.Sprintf("iob2-%d", len(docs)+1), Text: text.String()}, Spans: spans})
		}
		text.Reset()
		spans = nil
	}
	closeMention := func() {
		if open >= 0 {
			spans = append(spans, extract.GoldSpan{Start: open, End: lastEnd, Type: openType})
		}
		open = -1
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "# newdoc"):
			closeMention()
			flush()
		case strings.HasPrefix(l, "# text = "):
			closeMention()
			if text.Len() > 0 {
				text.WriteString("\n\n")
			}
			sentText, sentOff, cursor = strings.TrimPrefix(l, "# text = "), text.Len(), 0
			text.WriteString(sentText)
		case strings.HasPrefix(l, "#"):
		case strings.TrimSpace(l) == "":
			closeMention()
		default:
			fs := strings.Split(l, "\t")
			if len(fs) < 3 {
				return nil, fmt.Errorf("%s:%d: want index, token and tag", path, line)
			}
			tok, tag := fs[1], fs[2]
			k := strings.Index(sentText[cursor:], tok)
			if k < 0 {
				return nil, fmt.Errorf("%s:%d: token %q not in the sentence text", path, line, tok)
			}
			start := sentOff + cursor + k
			cursor += k + len(tok)
			prefix, typ, _ := strings.Cut(tag, "-")
			et, known := iobTypes[typ]
			if prefix != "I" || !known || et != openType {
				closeMention()
			}
			if known && (prefix == "B" || prefix == "I" && open < 0) {
				open, openType = start, et
			}
			if known {
				lastEnd = start + len(tok)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	closeMention()
	flush()
	return docs, nil
}

// SpanSentences turns token-level documents into tagger examples.
func SpanSentences(ctx context.Context, x *extract.Extractor, docs []SpanDoc) ([]ner.Sentence, error) {
	var out []ner.Sentence
	for _, d := range docs {
		s, err := x.TrainingSpans(ctx, d.Article, d.Spans)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Name, err)
		}
		out = append(out, s...)
	}
	return out, nil
}

// ReadCoNLL reads a corpus in the CoNLL layout of Wikigold: one "token
// TAG" pair a line, blank lines between sentences and "-DOCSTART-" lines
// between documents, with IO or IOB tags (PER, ORG, LOC kept; MISC read as
// O). The text is rebuilt with the tokens separated by spaces, each
// sentence a paragraph.
func ReadCoNLL(path string) ([]SpanDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []SpanDoc
	var text strings.Builder
	var spans []extract.GoldSpan
	open, lastEnd := -1, 0
	var openType extract.EntityType
	newSentence := true
	flush := func() {
		if text.Len() > 0 {
			docs = append(docs, SpanDoc{Name: fmt.Sprintf("%s#%d", path, len(docs)+1),
				Article: extract.Article{ID: fmt.Sprintf("conll-%d", len(docs)+1), Text: text.String()}, Spans: spans})
		}
		text.Reset()
		spans = nil
	}
	closeMention := func() {
		if open >= 0 {
			spans = append(spans, extract.GoldSpan{Start: open, End: lastEnd, Type: openType})
		}
		open = -1
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "":
			closeMention()
			newSentence = true
		case strings.HasPrefix(l, "-DOCSTART-"):
			closeMention()
			flush()
			newSentence = true
		default:
			fs := strings.Fields(l)
			if len(fs) < 2 {
				return nil, fmt.Errorf("%s:%d: want a token and a tag", path, line)
			}
			tok, tag := fs[0], fs[len(fs)-1]
			switch {
			case newSentence && text.Len() > 0:
				text.WriteString("\n\n")
			case !newSentence:
				text.WriteByte(' ')
			}
			newSentence = false
			start := text.Len()
			text.WriteString(tok)
			prefix, typ, _ := strings.Cut(tag, "-")
			et, known := iobTypes[typ]
			if prefix != "I" || !known || et != openType {
				closeMention()
			}
			if known && (prefix == "B" || prefix == "I" && open < 0) {
				open, openType = start, et
			}
			if known {
				lastEnd = start + len(tok)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	closeMention()
	flush()
	return docs, nil
}

// ReadCorpus reads a token-level corpus, in the IOB2 layout of Universal
// NER (tab-separated, with "# text =" lines) or the CoNLL layout of
// Wikigold (space-separated), told apart by the first line that is not
// blank.
func ReadCorpus(path string) ([]SpanDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	iob2 := true
	for sc.Scan() {
		if l := sc.Text(); strings.TrimSpace(l) != "" {
			iob2 = strings.HasPrefix(l, "#") || strings.Contains(l, "\t")
			break
		}
	}
	f.Close()
	if iob2 {
		return ReadIOB2(path)
	}
	return ReadCoNLL(path)
}
