/** AWS Bedrock Converse ({@code bedrock}). */
package dev.lockstep.dialect.bedrock;
