/**
 * The Lambda artifact: this module has no code of its own; its shaded jar ({@code target/scalewatch-lambda.jar})
 * bundles the handlers of {@code functions/aws}, {@code functions/gcp} and {@code functions/azure}, which
 * {@code terraform/modules/scanner} deploys as one function each. Its tests hold the Terraform to the code.
 */
package io.scalewatch.lambda;
