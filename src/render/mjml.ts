import mjml2html from 'mjml';
import { DigestError, ErrorCodes } from '../errors.js';

/** HTML compiled from MJML, with MJML's non-fatal warnings. */
export interface CompiledHtml {
  html: string;
  warnings: string[];
}

/**
 * Compiles MJML to email HTML with strict validation. Includes stay off:
 * templates are composed with Handlebars partials instead.
 */
export async function compileMjml(source: string, file: string): Promise<CompiledHtml> {
  try {
    const result = await mjml2html(source, {
      validationLevel: 'strict',
      keepComments: false,
      minify: true,
      // MJML 5's CSS minifier needs cssnano, which is not a dependency.
      minifyOptions: { minifyCss: false },
      fonts: {},
      // Keep the width/height attributes the templates give images (juice would copy CSS "height:auto" over them).
      juiceOptions: { applyWidthAttributes: false, applyHeightAttributes: false },
    });
    const warnings = result.errors.map((error) => `MJML line ${error.line}: ${error.message}`);
    return { html: result.html, warnings };
  } catch (error) {
    const details = (error as { details?: { line?: number; message?: string }[] }).details;
    const first = details?.[0];
    throw new DigestError(ErrorCodes.MJML_INVALID, `invalid MJML: ${first?.message ?? (error as Error).message}`, {
      file,
      line: first?.line,
      hint: 'fix the template that produces this MJML (the line is in the rendered email.mjml)',
      cause: error,
    });
  }
}
