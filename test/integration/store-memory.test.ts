import { openStore } from '../../src/store/keyv-store.js';
import { runStoreContract } from './helpers/store-contract.js';

runStoreContract({ name: 'memory://', open: () => openStore('memory://'), persistent: false });
