/** Where a built-in model comes from: the library whose names, defaults and units it follows. */
export type LibraryOrigin = 'ngclearn' | 'jaxley' | 'brainpy' | 'classic';

export interface LibrarySource {
  readonly origin: LibraryOrigin;
  /** The model's source text in the Spikeflow model language. */
  readonly source: string;
}
