import { Readable } from "node:stream";
import type { FileStorage } from "../storage/file-storage";
import { storeUpload } from "../storage/store-upload";
import type { Tx } from "./client";
import { alexithymiaToolkitPdf, rejectionSensitivityJournalPdf } from "./sample-pdfs";

const samples = [
  { slug: "rejection-sensitivity-journal", title: "Journal (A4, printable PDF)", fileName: "Rejection Sensitivity Journal.pdf", make: rejectionSensitivityJournalPdf },
  { slug: "alexithymia-interoception-toolkit", title: "Toolkit (A4, printable PDF)", fileName: "Alexithymia and Interoception Toolkit.pdf", make: alexithymiaToolkitPdf },
];

/**
 * The demo downloads: each sample PDF is generated, stored through lib/storage like any upload and
 * attached to its product. Part of the seed's transaction; if that rolls back, the stored files are
 * left unreferenced, which is harmless.
 */
export async function seedSampleFiles(options: { tx: Tx; storage?: FileStorage }): Promise<number> {
  let attached = 0;
  for (const sample of samples) {
    const product = await options.tx.product.findUnique({ where: { slug: sample.slug }, select: { id: true } });
    if (!product) continue;
    const bytes = Buffer.from(await sample.make());
    const file = await storeUpload({ db: options.tx, source: Readable.from([bytes]), fileName: sample.fileName, storage: options.storage, allowedTypes: ["pdf"] });
    await options.tx.productFile.create({ data: { productId: product.id, fileId: file.id, title: sample.title, position: 0 } });
    attached++;
  }
  return attached;
}
