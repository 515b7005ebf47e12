import { PDFDocument, PageSizes, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";

// The two sample downloads of the demo shop, written as PDFs at seed time (nothing binary is kept
// in the repository). A tiny layout engine: headings, paragraphs, bullet lists, ruled writing lines
// and check boxes on A4, with page breaks and page numbers.

type Block =
  | { type: "title"; text: string; subtitle?: string }
  | { type: "h1" | "h2"; text: string }
  | { type: "p"; text: string }
  | { type: "list"; items: string[]; marker?: "bullet" | "box" | "number" }
  | { type: "lines"; count: number; label?: string }
  | { type: "pageBreak" };

const INK = rgb(0.12, 0.16, 0.18);
const MUTED = rgb(0.35, 0.4, 0.42);
const ACCENT = rgb(0.15, 0.34, 0.35);
const RULE = rgb(0.78, 0.8, 0.8);
const MARGIN = 56;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

async function renderPdf(meta: { title: string; footer: string }, blocks: Block[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(meta.title);
  pdf.setAuthor("Steady Ground Coaching");
  pdf.setCreator("Calm Coaching");
  // A fixed date keeps the file the same from one seed to the next.
  pdf.setCreationDate(new Date("2026-01-01T00:00:00Z"));
  pdf.setModificationDate(new Date("2026-01-01T00:00:00Z"));
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [pageWidth, pageHeight] = PageSizes.A4;
  const width = pageWidth - 2 * MARGIN;
  let page: PDFPage = pdf.addPage(PageSizes.A4);
  let y = pageHeight - MARGIN;

  const newPage = () => {
    page = pdf.addPage(PageSizes.A4);
    y = pageHeight - MARGIN;
  };
  const ensure = (height: number) => {
    if (y - height < MARGIN + 24) newPage();
  };
  const text = (value: string, options: { font?: PDFFont; size?: number; color?: typeof INK; indent?: number; gap?: number }) => {
    const font = options.font ?? regular;
    const size = options.size ?? 11;
    const indent = options.indent ?? 0;
    for (const line of wrap(value, font, size, width - indent)) {
      ensure(size * 1.5);
      page.drawText(line, { x: MARGIN + indent, y: y - size, size, font, color: options.color ?? INK });
      y -= size * 1.5;
    }
    y -= options.gap ?? 0;
  };

  for (const block of blocks) {
    switch (block.type) {
      case "title":
        y -= 120;
        text(block.text, { font: bold, size: 26, color: ACCENT, gap: 12 });
        if (block.subtitle) text(block.subtitle, { size: 14, color: MUTED, gap: 24 });
        page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + 120, y }, thickness: 2, color: ACCENT });
        y -= 24;
        break;
      case "h1":
        ensure(80);
        y -= 8;
        text(block.text, { font: bold, size: 18, color: ACCENT, gap: 6 });
        break;
      case "h2":
        ensure(60);
        y -= 4;
        text(block.text, { font: bold, size: 13, gap: 2 });
        break;
      case "p":
        text(block.text, { gap: 6 });
        break;
      case "list":
        block.items.forEach((item, index) => {
          ensure(18);
          const marker = block.marker ?? "bullet";
          if (marker === "box") page.drawRectangle({ x: MARGIN + 2, y: y - 10, width: 9, height: 9, borderColor: MUTED, borderWidth: 0.8 });
          else page.drawText(marker === "number" ? `${index + 1}.` : "•", { x: MARGIN + 2, y: y - 11, size: 11, font: regular, color: MUTED });
          text(item, { indent: 20, gap: 3 });
        });
        y -= 6;
        break;
      case "lines":
        if (block.label) text(block.label, { color: MUTED, size: 10, gap: 2 });
        for (let i = 0; i < block.count; i++) {
          ensure(24);
          y -= 22;
          page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.6, color: RULE });
        }
        y -= 12;
        break;
      case "pageBreak":
        newPage();
        break;
    }
  }

  const pages = pdf.getPages();
  pages.forEach((each, index) => {
    const label = `${meta.footer}  ·  ${index + 1} of ${pages.length}`;
    each.drawText(label, { x: MARGIN, y: MARGIN - 24, size: 8, font: regular, color: MUTED });
  });
  return pdf.save();
}

const journalPrompts: Record<string, string[]> = {
  "When it happens": [
    "What was the moment, in one plain sentence, as a camera would have recorded it?",
    "Where did you feel it first: throat, chest, stomach, face, hands?",
    "If the feeling had a volume from 1 to 10, where was it at its loudest? Where is it now?",
    "What did you want to do in the first minute? What did you actually do?",
    "Which old memory, if any, did this moment remind you of?",
    "What is the kindest true thing you could say to yourself right now?",
    "Who could you text, not to explain, just to feel less alone with it?",
    "What would help your body settle by even one notch: water, a walk, a blanket, a shower?",
    "If a friend told you this exact story, what would you notice that you can't see from inside it?",
    "What can wait until tomorrow, when the wave has passed?",
  ],
  "Untangling facts from stories": [
    "What do you know for certain? What are you filling in?",
    "List three other explanations for what happened, including at least one boring one.",
    "What evidence do you have that this person still values you?",
    "If the story in your head is true, what would you need? If it isn't, what would you need?",
    "Which words from the moment keep replaying? What tone are you hearing them in?",
    "What did you assume about their face, their pause or their reply?",
    "Is this about now, or does it carry weight from before?",
    "What would you ask them if asking felt completely safe?",
    "What is one small, low-stakes way to check your story?",
    "What would you like to remember the next time something similar happens?",
  ],
  "Looking back with kindness": [
    "When did you handle a sting this week better than you would have a year ago?",
    "Which situations tend to set off the wave? Is there a pattern in time, place or person?",
    "What helped, even a little, this week?",
    "Where did you pause before acting? What made the pause possible?",
    "What do you need more of in your week: rest, company, quiet, movement, play?",
    "Who in your life makes you feel steady? When did you last see them?",
    "What would you like people to know about how rejection feels for you?",
    "What boundary would protect your energy next week?",
    "Name three things you did this week that had nothing to do with anyone's approval.",
    "Write a short note to yourself for the next hard moment.",
  ],
};

export function rejectionSensitivityJournalBlocks(): Block[] {
  const blocks: Block[] = [
    { type: "title", text: "The Rejection Sensitivity Journal", subtitle: "Gentle prompts for the moments when a small sting feels enormous" },
    {
      type: "p",
      text: "This journal is for the minutes and hours after a reply that felt cold, a plan that fell through or a face that seemed to change. Rejection sensitivity is not a flaw in your character: it is a nervous system that learned to watch very closely for signs of being left out. The aim here is not to stop feeling it. It is to notice the wave, name it and let it pass before you act on it.",
    },
    { type: "h2", text: "How to use it" },
    {
      type: "list",
      items: [
        "Use the two-minute check-in on any day, hard or not. Practising on calm days makes it easier to reach for on difficult ones.",
        "When something stings, turn to the prompts for \"When it happens\". Answer one or two; you never need to answer them all.",
        "Once the wave has eased, use \"Untangling facts from stories\" to separate what happened from what it felt like.",
        "At the end of the week, the reflection pages help you notice patterns and progress.",
        "Print the pages you like as often as you like, or fill them in on a tablet.",
      ],
    },
    {
      type: "p",
      text: "A note on safety: if the feelings become too heavy to carry alone, please reach out to someone you trust or to a local support line. This journal is a companion, not a replacement for care.",
    },
    { type: "pageBreak" },
    { type: "h1", text: "The two-minute check-in" },
    { type: "p", text: "Copy this page as many times as you need. Answer quickly: first thoughts are fine." },
    { type: "lines", count: 2, label: "Today, my body feels…" },
    { type: "lines", count: 2, label: "The feeling taking up the most room is…" },
    { type: "lines", count: 2, label: "On a scale from 1 (calm) to 10 (flooded), I am at…" },
    { type: "lines", count: 2, label: "One thing that would help a little right now…" },
    { type: "h2", text: "Today I noticed" },
    { type: "list", marker: "box", items: ["I slept enough", "I ate something nourishing", "I moved my body", "I spoke to someone who likes me", "I gave myself a break"] },
  ];
  for (const [section, prompts] of Object.entries(journalPrompts)) {
    blocks.push({ type: "pageBreak" }, { type: "h1", text: section });
    prompts.forEach((prompt, index) => {
      blocks.push({ type: "h2", text: `${index + 1}. ${prompt}` }, { type: "lines", count: 3 });
    });
  }
  blocks.push(
    { type: "pageBreak" },
    { type: "h1", text: "Facts and stories worksheet" },
    { type: "p", text: "Fill in the left-hand questions first, then the right-hand ones. Seeing them apart is often enough to soften the story." },
    { type: "lines", count: 3, label: "What happened (only what a camera would have seen):" },
    { type: "lines", count: 3, label: "The story my mind told me about it:" },
    { type: "lines", count: 3, label: "Evidence for the story:" },
    { type: "lines", count: 3, label: "Evidence against the story:" },
    { type: "lines", count: 3, label: "A kinder, equally possible explanation:" },
    { type: "lines", count: 2, label: "What I will do next (or choose not to do):" },
    { type: "pageBreak" },
    { type: "h1", text: "End of the week" },
    { type: "lines", count: 3, label: "This week's hardest moment, in one sentence:" },
    { type: "lines", count: 3, label: "How I looked after myself through it:" },
    { type: "lines", count: 3, label: "Something I'm quietly proud of:" },
    { type: "lines", count: 3, label: "Next week I'd like to try:" },
    { type: "p", text: "However this week went, you showed up to these pages. That counts." },
  );
  return blocks;
}

const feelings: Array<[string, string]> = [
  ["Sad", "heavy, slow, tearful; something matters and feels lost or out of reach."],
  ["Angry", "hot, tight, energised; a line was crossed or something feels unfair."],
  ["Afraid", "fast heart, shallow breath, alert; something might go wrong."],
  ["Ashamed", "wanting to hide or shrink; a sense of being seen as not good enough."],
  ["Lonely", "an ache or emptiness; wanting connection that isn't there right now."],
  ["Overwhelmed", "too much at once; buzzing, foggy or shut down."],
  ["Content", "loose shoulders, easy breath; nothing needs to change right now."],
  ["Excited", "fizzy, restless, bright; looking forward to something."],
  ["Tender", "soft, open, easily moved; something touched you."],
  ["Numb", "flat or far away; feelings are there but muffled, often after too much."],
];

const practices: Array<[string, string, string[]]> = [
  ["1. The three-breath scan", "2 minutes", [
    "Sit or stand however is comfortable and let your eyes rest somewhere.",
    "On the first breath, notice your feet and legs. On the second, your belly and chest. On the third, your shoulders, jaw and face.",
    "Name one sensation for each area, in plain words: warm, tight, buzzing, heavy, nothing much.",
  ]],
  ["2. Temperature check", "2 minutes", [
    "Hold something cool (a glass of water) in one hand and something warm (a mug, your other hand) in the other.",
    "Notice the difference. Then notice which parts of your body feel warm or cool right now.",
    "This trains attention on small signals, which is where feelings start.",
  ]],
  ["3. Heartbeat listening", "3 minutes", [
    "Sit quietly and see whether you can feel your heartbeat without touching your pulse. It's fine if you can't.",
    "If nothing comes, rest a hand on your chest. Count for thirty seconds, then check how close your sense was.",
    "Over weeks, many people find this gets easier. Curiosity matters more than accuracy.",
  ]],
  ["4. Hunger, thirst, tired", "2 minutes", [
    "Three times a day, ask: am I hungry? thirsty? tired? too hot or cold? needing the toilet?",
    "Many strong feelings are amplified by an unmet body need. Meeting it first often changes the feeling.",
  ]],
  ["5. Name it to tame it", "3 minutes", [
    "When you notice a strong sensation, describe it as precisely as you can: where, how big, what shape, moving or still.",
    "Then guess at a feeling word from the wheel. A guess is enough; you can change it later.",
  ]],
  ["6. The five-minute walk", "5 minutes", [
    "Walk slowly, indoors or out. Notice the contact of each foot, the swing of your arms, the air on your skin.",
    "At the end, ask: what feels different from five minutes ago?",
  ]],
];

export function alexithymiaToolkitBlocks(): Block[] {
  const blocks: Block[] = [
    { type: "title", text: "Alexithymia and Interoception Toolkit", subtitle: "Body maps, feeling words and short practices for noticing what you feel" },
    {
      type: "p",
      text: "Some people know exactly what they feel the moment they feel it. Many others, especially people with ADHD or autistic people, notice first that something is off: a tight chest, a short temper, a sudden need to lie down. Finding words for feelings is called emotional awareness; noticing signals from inside the body is called interoception. Both can be practised, gently, a few minutes at a time.",
    },
    { type: "h2", text: "What's inside" },
    {
      type: "list",
      items: [
        "A body map for marking where a feeling shows up.",
        "A feelings list with plain-language descriptions of what each one is often like in the body.",
        "Six short practices, two to five minutes each.",
        "A pocket card to print, fold and keep for hard days.",
      ],
    },
    { type: "p", text: "There is no right way to feel, and no score to reach. If a practice feels uncomfortable, stop; try another one another day." },
    { type: "pageBreak" },
    { type: "h1", text: "Body map" },
    { type: "p", text: "When a feeling arrives, tick where you notice it and add a word or two: warm, tight, heavy, fizzy, empty, shaky." },
    {
      type: "list",
      marker: "box",
      items: [
        "Head and forehead", "Eyes and face", "Jaw and throat", "Shoulders and neck", "Chest and heart",
        "Stomach and belly", "Back", "Arms and hands", "Legs and feet", "Skin (hot, cold, prickly)",
      ],
    },
    { type: "lines", count: 4, label: "Words for what I notice:" },
    { type: "lines", count: 2, label: "My best guess at the feeling:" },
    { type: "pageBreak" },
    { type: "h1", text: "Feeling words" },
    { type: "p", text: "Bodies differ, so treat these as starting points, not rules." },
  ];
  for (const [name, description] of feelings) blocks.push({ type: "h2", text: name }, { type: "p", text: `Often ${description}` });
  blocks.push({ type: "pageBreak" }, { type: "h1", text: "Six short practices" });
  for (const [title, length, steps] of practices) {
    blocks.push({ type: "h2", text: `${title} (${length})` }, { type: "list", marker: "number", items: steps });
  }
  blocks.push(
    { type: "pageBreak" },
    { type: "h1", text: "Practice log" },
    { type: "p", text: "A line a day is plenty. Patterns show up after a week or two." },
    { type: "lines", count: 14, label: "Date · practice · what I noticed" },
    { type: "pageBreak" },
    { type: "h1", text: "Pocket card" },
    { type: "p", text: "Print this page, cut out the card and keep it in a wallet or phone case." },
    { type: "h2", text: "When something feels off" },
    {
      type: "list",
      marker: "number",
      items: [
        "Pause. Feet on the floor, one slow breath out.",
        "Body first: hungry, thirsty, tired, too hot or cold?",
        "Where do I feel it? What is it like?",
        "Best guess at a feeling word. A guess is enough.",
        "What would help a little right now?",
      ],
    },
    { type: "p", text: "You don't have to know what you feel to be kind to yourself about it." },
  );
  return blocks;
}

// Made once per process (tests seed many databases).
let journal: Promise<Uint8Array> | undefined;
let toolkit: Promise<Uint8Array> | undefined;

export function rejectionSensitivityJournalPdf(): Promise<Uint8Array> {
  return (journal ??= renderPdf({ title: "The Rejection Sensitivity Journal", footer: "The Rejection Sensitivity Journal · Steady Ground Coaching" }, rejectionSensitivityJournalBlocks()));
}

export function alexithymiaToolkitPdf(): Promise<Uint8Array> {
  return (toolkit ??= renderPdf({ title: "Alexithymia and Interoception Toolkit", footer: "Alexithymia and Interoception Toolkit · Steady Ground Coaching" }, alexithymiaToolkitBlocks()));
}
