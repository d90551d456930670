// @jsquash/webp (WebAssembly) encodes images as WebP only when a configuration asks Decap to
// convert uploads (`media_library.output`); guidegen's never does, so it is left out.
export async function encode() {
  throw new Error('WebP conversion is not part of guidegen\'s Decap build');
}
