/** Barcodes, ids and ISBNs sort byte-wise, as the in-memory store sorts them. */
export const C = 'COLLATE "C"';
