package io.ferry.planning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A {@link KeyDictionary} that starts on the heap and, once the closure's {@link SpillBudget} is spent,
 * moves its keys to a temp file: each key AES-GCM encrypted under a random key that lives only in this
 * object (keys are production data), found again through an in-heap table of 64-bit hashes and file
 * offsets (12 bytes per key).
 */
final class SpillingDictionary implements KeyDictionary {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TAG_BITS = 128;

    private final SpillBudget budget;
    private InMemoryDictionary memory = new InMemoryDictionary();
    private Spill spill;

    SpillingDictionary(SpillBudget budget) {
        this.budget = budget;
    }

    @Override
    public long idOf(Tuple key) {
        if (spill != null) {
            return spill.idOf(key);
        }
        long id = memory.find(key);
        if (id >= 0) {
            return id;
        }
        if (budget.reserve()) {
            return memory.idOf(key);
        }
        spill = new Spill();
        java.util.List<Tuple> keys = memory.drain();
        budget.release(keys.size());
        memory = null;
        keys.forEach(spill::idOf);
        return spill.idOf(key);
    }

    @Override
    public long find(Tuple key) {
        return spill != null ? spill.find(key) : memory.find(key);
    }

    @Override
    public Tuple get(long id) {
        return spill != null ? spill.get((int) id) : memory.get(id);
    }

    @Override
    public long size() {
        return spill != null ? spill.size : memory.size();
    }

    @Override
    public long heapBytes() {
        return spill != null ? spill.heapBytes() : memory.heapBytes();
    }

    boolean spilled() {
        return spill != null;
    }

    @Override
    public void close() {
        if (spill != null) {
            spill.close();
            spill = null;
        } else if (memory != null) {
            budget.release(memory.size());
            memory = null;
        }
    }

    /** The encrypted file and its in-heap index (open addressing on the key hash). */
    private static final class Spill {
        private final Path file;
        private final FileChannel channel;
        private final SecretKey secret;
        private long[] offsets = new long[1024];
        private long[] slotHash = new long[2048];
        private int[] slotId = new int[2048];
        private int size;
        private long end;

        Spill() {
            try {
                file = Files.createTempFile("ferry-keys-", ".spill");
                file.toFile().deleteOnExit();
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256, RANDOM);
                secret = generator.generateKey();
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a spill file", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES is not available", e);
            }
            Arrays.fill(slotId, -1);
        }

        long find(Tuple key) {
            long h = hash(key);
            int mask = slotId.length - 1;
            for (int s = (int) (h ^ (h >>> 32)) & mask; slotId[s] >= 0; s = (s + 1) & mask) {
                if (slotHash[s] == h && get(slotId[s]).equals(key)) {
                    return slotId[s];
                }
            }
            return -1;
        }

        long idOf(Tuple key) {
            long found = find(key);
            if (found >= 0) {
                return found;
            }
            int id = size++;
            if (id == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[id] = end;
            end += write(id, TupleCodec.encode(key));
            insert(hash(key), id);
            if (size * 2L > slotId.length) {
                rehash();
            }
            return id;
        }

        private void insert(long h, int id) {
            int mask = slotId.length - 1;
            int s = (int) (h ^ (h >>> 32)) & mask;
            while (slotId[s] >= 0) {
                s = (s + 1) & mask;
            }
            slotHash[s] = h;
            slotId[s] = id;
        }

        private void rehash() {
            long[] oldHash = slotHash;
            int[] oldId = slotId;
            slotHash = new long[oldHash.length * 2];
            slotId = new int[oldId.length * 2];
            Arrays.fill(slotId, -1);
            for (int i = 0; i < oldId.length; i++) {
                if (oldId[i] >= 0) {
                    insert(oldHash[i], oldId[i]);
                }
            }
        }

        private int write(int id, byte[] plain) {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, nonce(id)));
                byte[] sealed = c.doFinal(plain);
                ByteBuffer b = ByteBuffer.allocate(4 + sealed.length).putInt(sealed.length).put(sealed).flip();
                long at = offsets[id];
                while (b.hasRemaining()) {
                    at += channel.write(b, at);
                }
                return 4 + sealed.length;
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the spill file", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not encrypt a spilled key", e);
            }
        }

        Tuple get(int id) {
            try {
                ByteBuffer len = ByteBuffer.allocate(4);
                read(len, offsets[id]);
                ByteBuffer sealed = ByteBuffer.allocate(len.flip().getInt());
                read(sealed, offsets[id] + 4);
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, nonce(id)));
                return TupleCodec.decode(c.doFinal(sealed.array()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the spill file", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a spilled key failed its integrity check", e);
            }
        }

        private void read(ByteBuffer b, long at) throws IOException {
            while (b.hasRemaining()) {
                int n = channel.read(b, at);
                if (n < 0) {
                    throw new IOException("spill file is shorter than its index");
                }
                at += n;
            }
        }

        /** Unique per record under this file's key, as GCM requires. */
        private static byte[] nonce(int id) {
            return ByteBuffer.allocate(12).putInt(8, id).array();
        }

        private static long hash(Tuple key) {
            long h = 0xcbf29ce484222325L;
            for (byte b : TupleCodec.encode(key)) {
                h = (h ^ b) * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            return h ^ (h >>> 33);
        }

        long heapBytes() {
            return offsets.length * 8L + slotHash.length * 12L;
        }

        void close() {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the spill file", e);
            }
        }
    }
}
