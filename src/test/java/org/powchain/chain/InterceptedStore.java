package org.powchain.chain;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.powchain.store.BlockStore;
import org.powchain.store.ChainState;
import org.powchain.store.ChainStore;
import org.powchain.store.MempoolJournal;

/** A store whose chain state calls a hook before each connect and disconnect: to make one fail, or stall. */
public final class InterceptedStore {
    public interface Hook {
        /** Called with "connect" or "disconnect" before the real one runs; may throw or block. */
        void before(String write) throws Exception;
    }

    private InterceptedStore() {}

    public static ChainStore around(ChainStore real, Hook hook) {
        ChainState state = (ChainState) Proxy.newProxyInstance(ChainState.class.getClassLoader(), new Class<?>[] {ChainState.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("connect") || method.getName().equals("disconnect")) {
                        hook.before(method.getName());
                    }
                    try {
                        return method.invoke(real.state(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new ChainStore() {
            @Override
            public BlockStore blocks() {
                return real.blocks();
            }

            @Override
            public ChainState state() {
                return state;
            }

            @Override
            public MempoolJournal mempool() {
                return real.mempool();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }
}
