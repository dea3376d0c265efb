/**
 * The {@code files.*}, {@code csv.*}, {@code stdin} and {@code stdout} node types of pipeline files. They call only the public
 * API of {@code dev.sluice.files}, so whatever a file can express, Java code can too. Public
 * classes only so that {@link java.util.ServiceLoader} can make them; the package is not exported.
 */
package dev.sluice.files.nodes;
