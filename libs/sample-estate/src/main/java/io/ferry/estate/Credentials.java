package io.ferry.estate;

/** Login roles the estate creates: a read-only PROD user and a read-write CERT user. */
public record Credentials(String prodUser, String prodPassword, String certUser, String certPassword) {
    @Override
    public String toString() {
        return "Credentials[prodUser=" + prodUser + ", certUser=" + certUser + ", passwords hidden]";
    }
}
