package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newskg/newskg/extract/ner"
	"github.com/newskg/newskg/extract/train"
	"io"
)

func trainCommand() *cli.Command {
	return &cli.Command{
		Name:  "train",
		Usage: "train the entity tagger on annotated articles (NAME.txt beside NAME.gold.json)",
		Description: "The entity tagger is written to --out, the event triggers to --triggers and the event model\n" +
			"to --events; the program ships extract/data/{ner.model,triggers.tsv,events.model}, made by:\n" +
			"newskg train --out extract/data/ner.model --triggers extract/data/triggers.tsv \\\n" +
			"  --events extract/data/events.model " + shippedExtraFlags() + "../shared/eval/train\n" +
			"Training is deterministic: the same data, seed and epochs give the same bytes.",
		ArgsUsage: "TRAIN_DIR...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "ner.model", Usage: "file to write the entity tagger to"},
			&cli.StringFlag{Name: "triggers", Value: "triggers.tsv", Usage: "file to write the learnt event triggers to"},
			&cli.StringFlag{Name: "events", Value: "events.model", Usage: "file to write the event model to"},
			&cli.IntFlag{Name: "trigger-min-articles", Usage: "cross-validation only: keep a learnt trigger that names events in at least this many articles (0: the shipped 2)"},
			&cli.Float64Flag{Name: "trigger-min-share", Usage: "cross-validation only: ... and in at least this share of the articles that hold it (0: the shipped 0.35)"},
			&cli.IntFlag{Name: "folds", Usage: "first print K-fold cross-validation figures on the training articles (0: none)"},
			&cli.IntFlag{Name: "epochs", Value: train.DefaultOptions().Epochs, Usage: "passes over the training data"},
			&cli.Int64Flag{Name: "seed", Value: train.DefaultOptions().Seed, Usage: "seed of the sentence order"},
			&cli.IntFlag{Name: "orders", Value: train.DefaultOptions().Orders, Usage: "train the tagger in this many sentence orders (seeds --seed, --seed+1, …) and average them"},
			&cli.IntFlag{Name: "min-count", Value: train.DefaultOptions().MinCount, Usage: "keep only the tagger's features seen at least this often in training"},
			&cli.BoolFlag{Name: "cv-only", Usage: "with --folds, print the cross-validation figures and train and write no model"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "with --folds, list every miss, false positive and wrong attribute"},
			&cli.StringSliceFlag{Name: "extra", Usage: "also train the tagger on a token-level corpus, in IOB2 (Universal NER) or CoNLL (Wikigold) layout; repeatable"},
		},
		Action: func(c *cli.Context) error {
			if err := needArgs(c, "TRAIN_DIR"); err != nil {
				return err
			}
			if c.Bool("cv-only") && c.Int("folds") == 0 {
				return usagef("--cv-only needs --folds")
			}
			docs, err := train.Load(c.Args().Slice())
			if err != nil {
				return err
			}
			var extra []train.SpanDoc
			for _, p := range c.StringSlice("extra") {
				d, err := train.ReadCorpus(p)
				if err != nil {
					return err
				}
				extra = append(extra, d...)
			}
			opt := ner.Options{Epochs: c.Int("epochs"), Seed: c.Int64("seed"), MinCount: c.Int("min-count"), Orders: c.Int("orders")}
			if opt.Epochs < 1 {
				return usagef("--epochs must be at least 1")
			}
			if k := c.Int("folds"); k != 0 {
				topt := train.TriggerOptions{MinArticles: c.Int("trigger-min-articles"), MinShare: c.Float64("trigger-min-share")}
				rep, err := train.CrossValidate(c.Context, docs, extra, k, opt, topt, func(f int) {
					fmt.Fprintf(c.App.ErrWriter, "fold %d of %d done\n", f, k)
				})
				if err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "%d-fold cross-validation on %d article(s):\n", k, len(docs))
				if err := rep.WriteText(c.App.Writer, c.Bool("verbose")); err != nil {
					return err
				}
				if c.Bool("cv-only") {
					return nil
				}
			}
			opt.Progress = func(epoch int, errRate float64) {
				fmt.Fprintf(c.App.ErrWriter, "epoch %d: %.2f%% of training tokens mislabelled\n", epoch, 100*errRate)
			}
			var dirs []string
			for _, d := range c.Args().Slice() {
				dirs = append(dirs, filepath.Base(filepath.Clean(d)))
			}
			l, err := train.Learn(c.Context, docs, extra, strings.Join(dirs, ", "), opt)
			if err != nil {
				return err
			}
			if err := writeAtomic(c.String("out"), l.Tagger); err != nil {
				return err
			}
			if err := writeAtomic(c.String("triggers"), l.Triggers); err != nil {
				return err
			}
			return writeAtomic(c.String("events"), l.Events)
		},
	}
}

// writeAtomic writes through a temporary file, so that a failed write
// leaves the old file whole.
func writeAtomic(path string, m io.WriterTo) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".model-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if _, err := m.WriteTo(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// shippedExtraFlags are the --extra flags the shipped tagger is trained
// with.
func shippedExtraFlags() string {
	var b strings.Builder
	for _, p := range train.ShippedExtras {
		b.WriteString("--extra ../shared/" + p + " \\\n  ")
	}
	return b.String()
}
